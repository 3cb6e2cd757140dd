package io.github.dl4jrecipes.core.data;

import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Train, validation and (optionally) test parts of one data set, as made by {@link Splits}.
 *
 * @param train the examples to fit on
 * @param valid the examples to tune and stop early on
 * @param testOrNull the held-out examples, or {@code null} for a two-way split; read it through
 *     {@link #test()}
 * @param stratified whether each part keeps the class proportions of the whole
 */
public record Split(DataSet train, DataSet valid, DataSet testOrNull, boolean stratified) {

    /** Validates that the train and validation parts are present. */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
    }

    /** The held-out test part, empty for a two-way split or a cross-validation fold. */
    public Optional<DataSet> test() {
        return Optional.ofNullable(testOrNull);
    }
}
