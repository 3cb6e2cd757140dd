package io.github.dl4jrecipes.recipes.tabular;

import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.task.TaskKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tabular model's scores on labelled rows: every metric that suits its task, the task's own
 * metric first, each computed by {@link Task#evaluate(Metric, INDArray, INDArray)} from the same
 * decisions a prediction reports.
 *
 * @param metrics metric → value, the task's metric first
 * @param rows the number of rows scored
 */
public record TabularEvaluation(Map<Metric, Double> metrics, int rows) {

    /** Validates and copies, keeping the order. */
    public TabularEvaluation {
        if (metrics.isEmpty() || rows < 1) {
            throw new IllegalArgumentException("an evaluation needs a metric and rows ≥ 1, got " + metrics + " on "
                    + rows + " rows");
        }
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Scores {@code outputs} against {@code labels} with every metric that suits {@code task}. */
    static TabularEvaluation of(Task task, INDArray labels, INDArray outputs) {
        Map<Metric, Double> values = new LinkedHashMap<>();
        values.put(task.metric(), task.evaluate(labels, outputs));
        for (Metric metric : metricsFor(task.kind())) {
            values.putIfAbsent(metric, task.evaluate(metric, labels, outputs));
        }
        return new TabularEvaluation(values, (int) labels.size(0));
    }

    /** The metrics a tabular task reports: those {@link Task} accepts for its kind. */
    private static List<Metric> metricsFor(TaskKind kind) {
        return switch (kind) {
            case BINARY -> List.of(Metric.ACCURACY, Metric.F1, Metric.MCC);
            case MULTICLASS, MULTILABEL -> List.of(Metric.ACCURACY, Metric.F1);
            case REGRESSION, POSITIVE_REGRESSION -> List.of(Metric.RMSE, Metric.R2);
        };
    }

    /**
     * The value of {@code metric}.
     *
     * @throws IllegalArgumentException when it was not computed (it does not suit the task)
     */
    public double value(Metric metric) {
        Double value = metrics.get(metric);
        if (value == null) {
            throw new IllegalArgumentException("metric " + metric + " was not computed for this task; its metrics are "
                    + metrics.keySet());
        }
        return value;
    }

    /** One line per metric: {@code accuracy 0.9250 on 40 rows}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        metrics.forEach((metric, value) -> text.append(String.format(Locale.ROOT, "%s %.4f on %d rows%n",
                metric.name().toLowerCase(Locale.ROOT), value, rows)));
        return text.toString();
    }
}
