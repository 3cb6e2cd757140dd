package io.github.dl4jrecipes.recipes.tabular;

import io.github.dl4jrecipes.core.data.CsvTable;
import io.github.dl4jrecipes.core.data.TabularTransform;
import io.github.dl4jrecipes.core.data.TargetKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link TabularModel} predicts for a table: the input rows as given and, per row, the
 * network's outputs and the prediction they decide (the same decision {@link TabularModel#evaluate}
 * scores: the arg-max class, a sigmoid at 0.5, or the number).
 *
 * @param transform the model's preprocessing (target name, task, class names)
 * @param columns the input column names
 * @param rows the input rows, one value per column
 * @param outputs the network outputs, one row per input row: class probabilities, or the value
 */
public record TabularPredictions(TabularTransform transform, List<String> columns, List<List<String>> rows,
        INDArray outputs) {

    /** Prefix of the predicted column: {@code predicted_<target>}. */
    public static final String PREDICTED_PREFIX = "predicted_";
    /** Prefix of a class probability column: {@code probability_<class>}. */
    public static final String PROBABILITY_PREFIX = "probability_";

    /** Validates and copies. */
    public TabularPredictions {
        Objects.requireNonNull(transform, "transform");
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        if (outputs.size(0) != rows.size() || outputs.size(1) != transform.numOutputs()) {
            throw new IllegalArgumentException("outputs: expected [" + rows.size() + ", " + transform.numOutputs()
                    + "] for " + rows.size() + " rows of a " + transform.targetKind() + " target, got "
                    + Arrays.toString(outputs.shape()));
        }
    }

    /** Number of rows predicted. */
    public int size() {
        return rows.size();
    }

    /** The prediction for row {@code row} (0-based): a class name, or the number as text. */
    public String predicted(int row) {
        return decide(outputs.getRow(row, true)).get(0);
    }

    /** Every row's prediction, in order. */
    public List<String> predicted() {
        return decide(outputs);
    }

    /** What output rows decide, as {@link TabularModel#evaluate} scores them. */
    private List<String> decide(INDArray rowsOfOutputs) {
        if (transform.targetKind() == TargetKind.REGRESSION) {
            return Arrays.stream(rowsOfOutputs.reshape(-1).toDoubleVector()).mapToObj(Double::toString).toList();
        }
        INDArray decisions = transform.task().decisions(rowsOfOutputs);
        int[] indices = transform.targetKind() == TargetKind.BINARY ? decisions.reshape(-1).toIntVector()
                : decisions.argMax(1).toIntVector();
        return Arrays.stream(indices).mapToObj(transform.classes()::get).toList();
    }

    /**
     * The output table's header: the input columns, {@code predicted_<target>}, then for classes
     * the probability of the positive class (binary) or of each class (multi-class).
     */
    public List<String> header() {
        List<String> header = new ArrayList<>(columns);
        header.add(PREDICTED_PREFIX + transform.target());
        switch (transform.targetKind()) {
            case BINARY -> header.add(PROBABILITY_PREFIX + transform.classes().get(1));
            case MULTICLASS -> transform.classes().forEach(c -> header.add(PROBABILITY_PREFIX + c));
            case REGRESSION -> { }
        }
        return header;
    }

    /** The output table's rows, in the order of {@link #header()}. */
    public List<List<String>> table() {
        List<String> predicted = predicted();
        List<List<String>> table = new ArrayList<>(size());
        for (int r = 0; r < size(); r++) {
            List<String> row = new ArrayList<>(rows.get(r));
            row.add(predicted.get(r));
            if (transform.targetKind().isClassification()) {
                for (double p : outputs.getRow(r, true).toDoubleVector()) {
                    row.add(Double.toString(p));
                }
            }
            table.add(row);
        }
        return table;
    }

    /** Writes {@link #header()} and {@link #table()} as CSV, atomically. */
    public void writeCsv(Path file) throws IOException {
        CsvTable.write(file, header(), table());
    }
}
