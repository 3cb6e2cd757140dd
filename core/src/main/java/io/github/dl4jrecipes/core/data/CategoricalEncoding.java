package io.github.dl4jrecipes.core.data;

/** How a categorical feature column becomes numbers. */
public enum CategoricalEncoding {
    /** One 0/1 column per level (plus one for unknown levels): for dense layers. */
    ONE_HOT,
    /** A single column holding the level's integer index: for embedding layers. */
    INDEX
}
