package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.Numbers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 * @param integerCodes for a regression target that holds only integers, at most
 *     {@link #MAX_INTEGER_CODES} distinct ones, each in at least {@link #MIN_ROWS_PER_CODE} rows:
 *     those values as written, in numeric order, the classes {@link #asClasses()} reads them as;
 *     empty otherwise
 */
public record TabularSchema(String source, int rows, List<ColumnSchema> features, String target,
        TargetKind targetKind, List<String> classes, CategoricalEncoding encoding, List<String> integerCodes) {

    /**
     * Most distinct integers a numeric target may hold to be read as class codes: 100. Integer
     * codes of classes (0, 1, 2, …) rarely run past a few dozen; a target with more distinct
     * integers (prices, counts) is a number.
     */
    public static final int MAX_INTEGER_CODES = 100;
    /**
     * Fewest rows each integer must label to be read as a class code: 2. A measurement that
     * happens to be whole (penguin body mass in grams) has values seen once; a class has examples.
     */
    public static final int MIN_ROWS_PER_CODE = 2;

    /** Validates and copies. */
    public TabularSchema {
        Objects.requireNonNull(source, "source");
        features = List.copyOf(features);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetKind, "targetKind");
        classes = List.copyOf(classes);
        Objects.requireNonNull(encoding, "encoding");
        integerCodes = List.copyOf(integerCodes);
        if (!integerCodes.isEmpty() && targetKind != TargetKind.REGRESSION) {
            throw new IllegalArgumentException("integerCodes: only a REGRESSION target has them, got " + targetKind);
        }
    }

    /**
     * This schema with the target read as classes: the integer codes of a regression target
     * become the classes (two codes: BINARY, more: MULTICLASS); a schema that already has
     * classes is returned as it is. Labels encoded for the regression target become class
     * labels with {@link #classLabels(INDArray)}.
     *
     * @throws IllegalArgumentException when the target is a regression target that is not made
     *     of integer codes (see {@link #integerCodes()})
     */
    public TabularSchema asClasses() {
        if (targetKind.isClassification()) {
            return this;
        }
        if (integerCodes.isEmpty()) {
            throw new IllegalArgumentException("schema: target '" + target + "' of " + source + " holds numbers that "
                    + "are not integer class codes (all integers, at most " + MAX_INTEGER_CODES + " distinct, each in "
                    + "at least " + MIN_ROWS_PER_CODE + " rows), so it cannot be read as classes; fix: predict it as a "
                    + "number (a regressor), or read the target as categorical");
        }
        TargetKind kind = integerCodes.size() == 2 ? TargetKind.BINARY : TargetKind.MULTICLASS;
        return new TabularSchema(source, rows, features, target, kind, integerCodes, encoding, List.of());
    }

    /**
     * Labels that hold the target's integer code (one column, as encoded for the regression
     * target) as the labels of {@link #asClasses()}: one-hot rows for multi-class, the class
     * index for binary.
     *
     * @throws IllegalArgumentException when a value is not one of the integer codes
     */
    public INDArray classLabels(INDArray values) {
        if (!hasIntegerClasses() && integerCodes.isEmpty()) {
            throw new IllegalArgumentException("labels: target '" + target + "' has no integer codes to read labels "
                    + "by; its classes are " + classes);
        }
        TabularSchema classes = asClasses();
        double[] codes = classes.classes().stream().mapToDouble(Double::parseDouble).toArray();
        double[] v = values.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        int width = classes.numOutputs();
        float[] out = new float[v.length * width];
        for (int r = 0; r < v.length; r++) {
            int index = -1;
            for (int c = 0; c < codes.length && index < 0; c++) {
                index = codes[c] == v[r] ? c : -1;
            }
            if (index < 0) {
                throw new IllegalArgumentException("labels: row " + (r + 1) + " holds " + v[r] + ", not one of the "
                        + "integer codes " + classes.classes() + " of target '" + target + "'; fix: encode the labels "
                        + "with the transform of this schema's table");
            }
            out[r * width + (width == 1 ? 0 : index)] = width == 1 ? index : 1f;
        }
        return Nd4j.create(out, new long[] {v.length, width}, DataType.FLOAT);
    }

    /** Whether the target holds classes that are all integers (codes such as 0, 1, 2). */
    public boolean hasIntegerClasses() {
        return targetKind.isClassification() && classes.stream()
                .allMatch(c -> Numbers.isDecimal(c) && Numbers.parse(c) == Math.rint(Numbers.parse(c)));
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
