package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.IntList;
import io.github.dl4jrecipes.core.data.internal.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of a table while it is read, in primitive arrays instead of a {@code String} per
 * cell: every number as a {@code double}, every other value as a code into a dictionary of its
 * distinct spellings (with the line each was first seen on, for messages). What the column's kind
 * needs later is kept; a number's own spelling, which only a categorical column needs, is kept
 * up to {@code spellingLimit} distinct ones; past it (numeric columns, most often) the cell is
 * marked {@link #NUMBER} and {@link #fillSpelling} can supply it from a second read.
 */
final class ColumnBuffer {

    /** Code of a missing value. */
    static final int MISSING = -1;
    /** Code of a number whose spelling is not kept. */
    static final int NUMBER = -2;
    /** Capacity of a new column, in rows. */
    private static final int INITIAL_CAPACITY = 1024;

    private final int spellingLimit;
    private double[] values = new double[INITIAL_CAPACITY];
    private int[] codes;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> spellings = new ArrayList<>();
    private final IntList firstLines = new IntList();
    private int numberSpellings;
    private int size;
    private int missing;
    private int numbers;
    private boolean spellingsDropped;
    private String firstNonDecimal;
    private int firstNonDecimalLine;
    private String firstMissing;
    private int firstMissingLine;

    /**
     * @param spellingLimit how many distinct spellings of numbers to keep (0: none; words are
     *     always kept)
     */
    ColumnBuffer(int spellingLimit) {
        this.spellingLimit = spellingLimit;
    }

    /** Appends one trimmed field read on file line {@code line}; {@code isMissing} says it is a missing token. */
    void add(String token, int line, boolean isMissing) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            codes = codes == null ? null : Arrays.copyOf(codes, size * 2);
        }
        if (isMissing) {
            missing++;
            if (firstMissing == null) {
                firstMissing = token;
                firstMissingLine = line;
            }
            values[size] = Double.NaN;
            setCode(MISSING);
        } else if (Numbers.isDecimal(token)) {
            numbers++;
            values[size] = Numbers.parse(token);
            if (numberSpellings < spellingLimit || (spellingLimit > 0 && index.containsKey(token))) {
                setCode(code(token, line));
            } else {
                spellingsDropped = true;
                if (codes != null) {
                    codes[size] = NUMBER;
                }
            }
        } else {
            numbers += Numbers.isNonFinite(token) ? 1 : 0;
            if (firstNonDecimal == null) {
                firstNonDecimal = token;
                firstNonDecimalLine = line;
            }
            values[size] = Double.NaN;
            setCode(code(token, line));
        }
        size++;
    }

    /** Sets the code of the current row, creating the codes (numbers so far, or missing) on first use. */
    private void setCode(int code) {
        if (codes == null) {
            if (code == MISSING) {
                return;
            }
            codes = new int[values.length];
            for (int r = 0; r < size; r++) {
                codes[r] = Double.isNaN(values[r]) ? MISSING : NUMBER;
            }
        }
        codes[size] = code;
    }

    private int code(String token, int line) {
        Integer known = index.get(token);
        if (known != null) {
            return known;
        }
        int code = spellings.size();
        index.put(token, code);
        spellings.add(token);
        firstLines.add(line);
        numberSpellings += Numbers.isDecimal(token) ? 1 : 0;
        return code;
    }

    /** Supplies the spelling of row {@code row}, a number whose spelling was not kept (see {@link #needsSpelling}). */
    void fillSpelling(int row, String token, int line) {
        codes[row] = code(token, line);
    }

    /** Whether row {@code row} is a number whose spelling was not kept. */
    boolean needsSpelling(int row) {
        return codes == null ? !Double.isNaN(values[row]) : codes[row] == NUMBER;
    }

    /** Marks every spelling as known again, after a second read filled them in. */
    void spellingsFilled() {
        if (codes == null) {
            codes = new int[size];
            for (int r = 0; r < size; r++) {
                codes[r] = Double.isNaN(values[r]) ? MISSING : NUMBER;
            }
        }
        spellingsDropped = false;
    }

    /** Whether some number's spelling was not kept (a categorical reading then needs a second read). */
    boolean spellingsDropped() {
        return spellingsDropped;
    }

    /** Number of rows. */
    int size() {
        return size;
    }

    /** Number of missing values. */
    int missing() {
        return missing;
    }

    /** Number of values that are numbers, finite or not. */
    int numbers() {
        return numbers;
    }

    /** The first present value that is not a finite decimal, or {@code null}. */
    String firstNonDecimal() {
        return firstNonDecimal;
    }

    /** The line of {@link #firstNonDecimal()}. */
    int firstNonDecimalLine() {
        return firstNonDecimalLine;
    }

    /** The first missing token, or {@code null}. */
    String firstMissing() {
        return firstMissing;
    }

    /** The line of {@link #firstMissing()}. */
    int firstMissingLine() {
        return firstMissingLine;
    }

    /** The distinct spellings kept, in the order first seen. */
    List<String> spellings() {
        return spellings;
    }

    /** The line spelling {@code code} was first seen on. */
    int firstLine(int code) {
        return firstLines.get(code);
    }

    /**
     * The values, {@code NaN} where missing or not a number: the buffer itself, trimmed to
     * {@link #size()} (the growth by doubling left up to half of it unused).
     */
    double[] values() {
        if (values.length != size) {
            values = Arrays.copyOf(values, size);
            codes = codes == null ? null : Arrays.copyOf(codes, size);
        }
        return values;
    }

    /**
     * The code of each row with the spellings mapped through {@code remap} (spelling code → new
     * code) and missing values to {@code missingCode}.
     *
     * @throws IllegalStateException when a number's spelling is not known
     */
    int[] codes(int[] remap, int missingCode) {
        int[] out = new int[size];
        for (int r = 0; r < size; r++) {
            int code = codes == null ? MISSING : codes[r];
            if (code == NUMBER || (codes == null && !Double.isNaN(values[r]))) {
                throw new IllegalStateException("row " + r + ": the spelling of a number was not kept");
            }
            out[r] = code == MISSING ? missingCode : remap[code];
        }
        return out;
    }
}
