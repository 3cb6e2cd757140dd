package io.github.dl4jrecipes.core.data;

/**
 * The learning task a target column implies. Inferred by {@link TabularData}: a categorical target
 * with two levels, or a numeric one with two distinct values, is {@link #BINARY}; a categorical
 * target with more levels is {@link #MULTICLASS}; any other numeric target is {@link #REGRESSION}.
 */
public enum TargetKind {
    /** Two classes; labels are one 0/1 column (1 = the second class in sorted order). */
    BINARY,
    /** Three or more classes; labels are one-hot rows. */
    MULTICLASS,
    /** A real number; labels are one column holding it, unscaled. */
    REGRESSION;

    /** Whether the target holds classes (binary or multiclass). */
    public boolean isClassification() {
        return this != REGRESSION;
    }
}
