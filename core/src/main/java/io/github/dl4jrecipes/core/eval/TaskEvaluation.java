package io.github.dl4jrecipes.core.eval;

import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.task.TaskKind;
import io.github.dl4jrecipes.core.train.Net;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.EvaluationBinary;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The task's single metric next to DL4J's full evaluation for the task's kind:
 * {@link Evaluation} for binary and multi-class, {@link EvaluationBinary} for multi-label,
 * {@link RegressionEvaluation} for regression.
 *
 * <pre>{@code
 * TaskEvaluation e = TaskEvaluation.of(net, Task.multiclass(3), test);
 * double accuracy = e.value();
 * Evaluation full = (Evaluation) e.full();
 * }</pre>
 *
 * @param metric the task's metric
 * @param value  its value on the data
 * @param full   DL4J's evaluation of the same outputs
 */
public record TaskEvaluation(Metric metric, double value, IEvaluation<?> full) {

    /** Evaluates a network on data (reset first when it can be) in one pass. */
    public static TaskEvaluation of(Model network, Task task, DataSetIterator data) {
        Net net = Net.of(network);
        IEvaluation<?> full = fullEvaluation(task);
        List<INDArray> labels = new ArrayList<>();
        List<INDArray> outputs = new ArrayList<>();
        if (data.resetSupported()) {
            data.reset();
        }
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray output = net.output(batch.getFeatures());
            full.eval(batch.getLabels(), output);
            labels.add(batch.getLabels().dup());
            outputs.add(output);
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("data yields no batches; nothing to evaluate.");
        }
        double value = task.evaluate(Nd4j.vstack(labels.toArray(new INDArray[0])),
                Nd4j.vstack(outputs.toArray(new INDArray[0])));
        return new TaskEvaluation(task.metric(), value, full);
    }

    private static IEvaluation<?> fullEvaluation(Task task) {
        if (task.kind() == TaskKind.MULTILABEL) {
            return new EvaluationBinary();
        }
        if (task.kind().isClassification()) {
            return new Evaluation();
        }
        return new RegressionEvaluation(task.nOut());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.4f%n", metric.name().toLowerCase(Locale.ROOT), value)
                + full.stats();
    }
}
