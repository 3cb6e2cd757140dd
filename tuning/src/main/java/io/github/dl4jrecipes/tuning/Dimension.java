package io.github.dl4jrecipes.tuning;

import java.util.Objects;

/**
 * One coordinate of a search space as strategies see it: every Arbiter leaf parameter maps a
 * number in [0, 1] to a value (continuous and integer spaces through their inverse CDF, so a
 * log-uniform range is linear in log space here; discrete spaces by equal-width bins).
 *
 * @param name       the hyperparameter's name (its path in the space, or the leaf's description)
 * @param categories the number of unordered choices for a discrete leaf, 0 for an ordered one
 */
public record Dimension(String name, int categories) {

    /** Validates the name and the number of categories. */
    public Dimension {
        Objects.requireNonNull(name, "name");
        if (categories < 0) {
            throw new IllegalArgumentException("categories must be >= 0, got " + categories);
        }
    }

    /** @return whether the coordinate selects one of {@link #categories()} unordered values */
    public boolean isCategorical() {
        return categories > 0;
    }

    /**
     * The category a unit coordinate falls in, as Arbiter's discrete space maps it.
     *
     * @param unit a coordinate in [0, 1]
     * @return the index in [0, categories)
     */
    public int category(double unit) {
        return Math.min((int) (unit * categories), categories - 1);
    }

    /**
     * The unit coordinate at the centre of category {@code index}.
     *
     * @param index a category in [0, categories)
     * @return the coordinate that selects it
     */
    public double unitOf(int index) {
        return (index + 0.5) / categories;
    }
}
