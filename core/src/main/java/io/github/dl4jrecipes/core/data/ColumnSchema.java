package io.github.dl4jrecipes.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One feature column of a table as inferred (or overridden): its name, kind, levels and how many
 * values were missing.
 *
 * @param name the header name
 * @param kind numeric or categorical
 * @param levels for a categorical column the observed levels, sorted, then {@link #MISSING_LEVEL}
 *     if any value was missing; empty for a numeric column
 * @param missing how many values were missing ({@code NA}, empty, …) in the whole file
 */
public record ColumnSchema(String name, ColumnKind kind, List<String> levels, int missing) {

    /** The level that stands for a missing categorical value. */
    public static final String MISSING_LEVEL = "<missing>";
    /** The level that stands for a categorical value never seen in the data (at inference). */
    public static final String UNKNOWN_LEVEL = "<unknown>";
    /** Suffix of the 0/1 column that marks where a numeric value was missing and filled. */
    public static final String INDICATOR_SUFFIX = "_na";

    /** Validates and copies. */
    public ColumnSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        levels = List.copyOf(levels);
        if (missing < 0) {
            throw new IllegalArgumentException("missing: must be >= 0, got " + missing);
        }
        if (kind == ColumnKind.NUMERIC && !levels.isEmpty()) {
            throw new IllegalArgumentException("levels: a numeric column has none, got " + levels);
        }
    }

    /** Whether a numeric column gets a {@code <name>_na} indicator column (it had missing values). */
    public boolean hasIndicator() {
        return kind == ColumnKind.NUMERIC && missing > 0;
    }

    /** Number of distinct codes of a categorical column: its levels plus {@link #UNKNOWN_LEVEL}. */
    public int cardinality() {
        return kind == ColumnKind.CATEGORICAL ? levels.size() + 1 : 0;
    }

    /** The names of the model input columns this column becomes. */
    public List<String> featureNames(CategoricalEncoding encoding) {
        List<String> names = new ArrayList<>();
        if (kind == ColumnKind.NUMERIC) {
            names.add(name);
            if (hasIndicator()) {
                names.add(name + INDICATOR_SUFFIX);
            }
        } else if (encoding == CategoricalEncoding.INDEX) {
            names.add(name);
        } else {
            levels.forEach(level -> names.add(name + "=" + level));
            names.add(name + "=" + UNKNOWN_LEVEL);
        }
        return names;
    }

    /** How many model input columns this column becomes. */
    public int width(CategoricalEncoding encoding) {
        return featureNames(encoding).size();
    }
}
