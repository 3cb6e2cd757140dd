package io.github.dl4jrecipes.core.data;

/** How a table column is read: as numbers, or as categories (levels). */
public enum ColumnKind {
    /** Every non-missing value is a finite decimal number. */
    NUMERIC,
    /** Values are labels from a finite set of levels. */
    CATEGORICAL
}
