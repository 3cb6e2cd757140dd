package io.github.dl4jrecipes.core.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TabularData} inferred about a table: each feature column's kind and levels, the
 * target, the task it implies and the categorical encoding, hence the number of model inputs and
 * outputs.
 *
 * @param source the file the table came from
 * @param rows the number of data rows
 * @param features the feature columns, in file order (ignored columns and the target left out)
 * @param target the target column's name
 * @param targetKind the task: binary, multiclass or regression
 * @param classes the class names by label index, sorted (empty for regression)
 * @param encoding how categorical features are encoded
 */
public record TabularSchema(String source, int rows, List<ColumnSchema> features, String target,
        TargetKind targetKind, List<String> classes, CategoricalEncoding encoding) {

    /** Validates and copies. */
    public TabularSchema {
        Objects.requireNonNull(source, "source");
        features = List.copyOf(features);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetKind, "targetKind");
        classes = List.copyOf(classes);
        Objects.requireNonNull(encoding, "encoding");
    }

    /** The feature column called {@code name}, if there is one. */
    public Optional<ColumnSchema> column(String name) {
        return features.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Number of model inputs after encoding (indicator and one-hot columns included). */
    public int numInputs() {
        return features.stream().mapToInt(c -> c.width(encoding)).sum();
    }

    /** Number of model outputs: the classes for multiclass, 1 for binary and regression. */
    public int numOutputs() {
        return targetKind == TargetKind.MULTICLASS ? classes.size() : 1;
    }

    /** Number of classes (0 for regression). */
    public int numClasses() {
        return classes.size();
    }
}
