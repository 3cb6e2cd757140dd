package io.github.dl4jrecipes.core.data;

import java.util.Objects;

/**
 * How one feature column is turned into model inputs: its schema and, for a numeric column, the
 * statistics fitted on the training rows.
 *
 * @param column the column's schema (kind, levels)
 * @param stats the fitted statistics of a numeric column; {@code null} for a categorical one
 */
public record ColumnTransform(ColumnSchema column, NumericStats stats) {

    /** Validates that numeric columns, and only they, carry statistics. */
    public ColumnTransform {
        Objects.requireNonNull(column, "column");
        if ((column.kind() == ColumnKind.NUMERIC) != (stats != null)) {
            throw new IllegalArgumentException("stats: a numeric column needs them, a categorical one has none; column '"
                    + column.name() + "' is " + column.kind() + " with stats " + stats);
        }
    }
}
