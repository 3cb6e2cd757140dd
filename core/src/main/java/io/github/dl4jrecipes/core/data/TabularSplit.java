package io.github.dl4jrecipes.core.data;

import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A split of a {@link TabularData} table, encoded by a transform fitted on the training rows
 * only (medians, means and standard deviations never see validation or test rows).
 *
 * @param split the encoded train, valid and optional test parts
 * @param transform the preprocessing fitted on {@code split.train()}; save it with the model
 */
public record TabularSplit(Split split, TabularTransform transform) {

    /** Validates presence. */
    public TabularSplit {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(transform, "transform");
    }

    /** The encoded training rows. */
    public DataSet train() {
        return split.train();
    }

    /** The encoded validation rows. */
    public DataSet valid() {
        return split.valid();
    }

    /** The encoded test rows, for a three-way split. */
    public Optional<DataSet> test() {
        return split.test();
    }
}
