package io.github.dl4jrecipes.examples.tabular;

import io.github.dl4jrecipes.core.data.ColumnKind;
import io.github.dl4jrecipes.core.data.ColumnSchema;
import io.github.dl4jrecipes.core.data.ColumnTransform;
import io.github.dl4jrecipes.core.data.TabularTransform;
import io.github.dl4jrecipes.core.data.TargetKind;
import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.core.train.TrainedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A saved tabular model applied to raw CSV rows: checks that every training column is there,
 * warns about categorical levels never seen in training (they are encoded as the transform's
 * {@link ColumnSchema#UNKNOWN_LEVEL}), encodes the rows and predicts.
 *
 * @param model     the trained model
 * @param transform the preprocessing it was trained with
 */
public record TabularPredictor(TrainedModel<?> model, TabularTransform transform) {

    /** How many unseen levels a warning names per column. */
    static final int EXAMPLES_SHOWN = 3;

    /**
     * Network outputs for the rows of {@code csv}.
     *
     * @param warn receives one line per column with unseen levels
     * @throws IllegalArgumentException when the CSV lacks a training column
     */
    public INDArray predict(CsvRows csv, Consumer<String> warn) {
        checkColumns(csv);
        warnUnseenLevels(csv, warn);
        List<Map<String, String>> rows = csv.rows();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("CSV " + csv.source() + " has a header but no data rows; fix: add rows");
        }
        return model.predict(transform.features(rows));
    }

    /** The label array of the CSV's target column, encoded as in training. */
    public INDArray labels(CsvRows csv) {
        String target = transform.target();
        if (!csv.header().contains(target)) {
            throw new IllegalArgumentException("CSV " + csv.source() + " has no target column '" + target + "' to "
                    + "evaluate against; its columns are " + csv.header() + "; fix: pass labelled data");
        }
        int width = transform.numOutputs();
        float[][] labels = new float[csv.rows().size()][width];
        for (int r = 0; r < labels.length; r++) {
            String value = csv.rows().get(r).get(target).trim();
            if (transform.targetKind() == TargetKind.REGRESSION) {
                try {
                    labels[r][0] = Float.parseFloat(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("CSV " + csv.source() + " data row " + (r + 1) + ", target '"
                            + target + "': '" + value + "' is not a number; fix: correct the value", e);
                }
                continue;
            }
            int index = transform.classes().indexOf(value);
            if (index < 0) {
                throw new IllegalArgumentException("CSV " + csv.source() + " data row " + (r + 1) + ", target '"
                        + target + "': class '" + value + "' is not one of the model's classes "
                        + transform.classes() + "; fix: evaluate on classes the model was trained on");
            }
            labels[r][transform.targetKind() == TargetKind.MULTICLASS ? index : 0] =
                    transform.targetKind() == TargetKind.MULTICLASS ? 1 : index;
        }
        return Nd4j.create(labels);
    }

    /**
     * The CSV rows with the prediction appended: {@code predicted_<target>}, and for classes
     * {@code probability_<class>} columns.
     */
    public List<List<String>> withPredictions(CsvRows csv, INDArray outputs, List<String> header) {
        List<List<String>> out = new ArrayList<>();
        for (int r = 0; r < csv.rows().size(); r++) {
            List<String> row = new ArrayList<>(csv.rows().get(r).values());
            INDArray output = outputs.getRow(r);
            switch (transform.targetKind()) {
                case REGRESSION -> row.add(Double.toString(output.getDouble(0)));
                case BINARY -> {
                    double p = output.getDouble(0);
                    row.add(transform.classes().get(p >= Metric.DECISION_THRESHOLD ? 1 : 0));
                    row.add(Double.toString(p));
                }
                case MULTICLASS -> {
                    row.add(transform.classes().get(output.argMax().getInt(0)));
                    for (int c = 0; c < transform.classes().size(); c++) {
                        row.add(Double.toString(output.getDouble(c)));
                    }
                }
            }
            out.add(row);
        }
        return out;
    }

    /** The output header: the input columns, then the prediction columns. */
    public List<String> header(CsvRows csv) {
        List<String> header = new ArrayList<>(csv.header());
        header.add("predicted_" + transform.target());
        switch (transform.targetKind()) {
            case BINARY -> header.add("probability_" + transform.classes().get(1));
            case MULTICLASS -> transform.classes().forEach(c -> header.add("probability_" + c));
            default -> { }
        }
        return header;
    }

    private void checkColumns(CsvRows csv) {
        List<String> missing = transform.columns().stream().map(c -> c.column().name())
                .filter(name -> !csv.header().contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("CSV " + csv.source() + " lacks the column(s) " + missing + " the model "
                    + "was trained on; its columns are " + csv.header() + "; fix: add them (leave a value empty or write "
                    + "NA where it is unknown)");
        }
    }

    private void warnUnseenLevels(CsvRows csv, Consumer<String> warn) {
        Set<String> missingTokens = new HashSet<>(transform.missingValues());
        for (ColumnTransform column : transform.columns()) {
            if (column.column().kind() != ColumnKind.CATEGORICAL) {
                continue;
            }
            Set<String> levels = Set.copyOf(column.column().levels());
            Map<String, Integer> unseen = new LinkedHashMap<>();
            for (Map<String, String> row : csv.rows()) {
                String value = row.get(column.column().name());
                String token = value == null ? null : value.trim();
                if (token != null && !missingTokens.contains(token) && !levels.contains(token)) {
                    unseen.merge(token, 1, Integer::sum);
                }
            }
            if (!unseen.isEmpty()) {
                int count = unseen.values().stream().mapToInt(Integer::intValue).sum();
                String line = "column '" + column.column().name() + "': " + count + " row(s) hold level(s) never seen in "
                        + "training " + unseen.keySet().stream().limit(EXAMPLES_SHOWN).toList() + "; they are encoded "
                        + "as " + ColumnSchema.UNKNOWN_LEVEL + " (known levels: " + column.column().levels() + ")";
                warn.accept(line);
            }
        }
    }
}
