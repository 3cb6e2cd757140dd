package io.github.dl4jrecipes.core.data;

/**
 * Input data that cannot be loaded as asked: a missing or malformed file, a bad row or column, a
 * failed download. The message names the file (and row/column where there is one), the rule that
 * was broken, the bad value and how to fix it. Nothing is half-loaded when it is thrown.
 */
public class DataLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a complete message (what, where, the rule, the fix). */
    public DataLoadException(String message) {
        super(message);
    }

    /** An error caused by {@code cause} (e.g. an I/O failure). */
    public DataLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
