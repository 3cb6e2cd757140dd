package io.github.dl4jrecipes.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Input data that cannot be loaded as asked: a missing or malformed file, a bad row or column, a
 * failed download. The message names the file (and line/column where there is one), the rule that
 * was broken, the bad value and how to fix it. Nothing is half-loaded when it is thrown.
 *
 * <p>A fix that changes a reading setting names it as data ({@link #mentions()}):
 * {@link #getMessage()} writes the Java call ({@code .categorical("zip")}), and
 * {@link #message(Function)} lets a front end write its own name for it ({@code --categorical zip}).
 */
public class DataLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Text and {@link TableSetting.Mention}s, in order. */
    private final transient List<Object> parts;

    /** An error with a complete message (what, where, the rule, the fix). */
    public DataLoadException(String message) {
        this(List.of(message), null);
    }

    /** An error caused by {@code cause} (e.g. an I/O failure). */
    public DataLoadException(String message, Throwable cause) {
        this(List.of(message), cause);
    }

    private DataLoadException(List<Object> parts, Throwable cause) {
        super(render(parts, TableSetting.Mention::javaCall), cause);
        this.parts = List.copyOf(parts);
    }

    /**
     * An error whose message is {@code parts} joined: strings as they are, {@link
     * TableSetting.Mention}s as the setting's name (the Java call in {@link #getMessage()}).
     */
    public static DataLoadException of(Object... parts) {
        for (Object part : parts) {
            if (!(part instanceof String) && !(part instanceof TableSetting.Mention)) {
                throw new IllegalArgumentException("parts: strings and TableSetting.Mention only, got " + part);
            }
        }
        return new DataLoadException(List.of(parts), null);
    }

    /** The same error with the prefix {@code context} (e.g. the file it came from), mentions kept. */
    public DataLoadException within(String context) {
        List<Object> prefixed = new ArrayList<>();
        prefixed.add(context);
        prefixed.addAll(parts);
        return new DataLoadException(prefixed, this);
    }

    /** The settings the message tells the user to change, in order. */
    public List<TableSetting.Mention> mentions() {
        return parts.stream().filter(TableSetting.Mention.class::isInstance).map(TableSetting.Mention.class::cast)
                .toList();
    }

    /** The message with each mentioned setting written by {@code naming} (e.g. as a command-line option). */
    public String message(Function<TableSetting.Mention, String> naming) {
        return render(parts, naming);
    }

    private static String render(List<Object> parts, Function<TableSetting.Mention, String> naming) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part instanceof TableSetting.Mention m ? naming.apply(m) : part);
        }
        return text.toString();
    }
}
