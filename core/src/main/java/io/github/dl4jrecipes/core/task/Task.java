package io.github.dl4jrecipes.core.task;

import io.github.dl4jrecipes.core.init.WeightInits;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a model predicts, and everything that follows from it: the output activation, the loss,
 * the number of outputs, the metric that compares models, and the output layer.
 *
 * <table>
 *   <caption>What each factory derives</caption>
 *   <tr><th>factory</th><th>activation</th><th>loss</th><th>nOut</th><th>metric</th></tr>
 *   <tr><td>{@link #binary()}</td><td>sigmoid</td><td>XENT</td><td>1</td><td>accuracy (F1, MCC)</td></tr>
 *   <tr><td>{@link #multiclass(int)}</td><td>softmax</td><td>MCXENT</td><td>n</td><td>accuracy (F1)</td></tr>
 *   <tr><td>{@link #multilabel(int)}</td><td>sigmoid</td><td>XENT</td><td>n</td><td>F1 (accuracy)</td></tr>
 *   <tr><td>{@link #regression(int)}</td><td>identity</td><td>MSE (L1, Huber)</td><td>n</td><td>RMSE (R²)</td></tr>
 *   <tr><td>{@link #positiveRegression(int)}</td><td>softplus (ReLU)</td><td>MSE (L1, Huber)</td><td>n</td><td>RMSE (R²)</td></tr>
 * </table>
 *
 * <pre>{@code
 * Task task = Task.multiclass(10);
 * OutputLayer head = task.outputLayer();          // softmax + MCXENT, nOut 10, Xavier init
 * double acc = task.evaluate(labels, net.output(features));
 * Task robust = Task.regression(1).withHuberLoss(1.0).withMetric(Metric.R2);
 * }</pre>
 *
 * @param kind             what is predicted
 * @param nOut             number of network outputs (1 for binary)
 * @param outputActivation the output layer's activation
 * @param loss             the training loss
 * @param huberDelta       δ of the Huber loss (ignored by other losses)
 * @param metric           the single number used to compare models
 * @param helperMetrics    names of secondary numbers reported next to the metric but never
 *                         used to rank (for example "latency_ms", "params")
 */
public record Task(TaskKind kind, int nOut, Activation outputActivation, TaskLoss loss, double huberDelta,
                   Metric metric, List<String> helperMetrics) {

    /** Validates every field against the kind; see the class table for what is allowed. */
    public Task {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outputActivation, "outputActivation");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(metric, "metric");
        helperMetrics = List.copyOf(Objects.requireNonNull(helperMetrics, "helperMetrics"));
        checkNOut(kind, nOut);
        checkActivation(kind, outputActivation);
        checkLoss(kind, loss);
        checkMetric(kind, nOut, metric);
        if (!(huberDelta > 0) || Double.isInfinite(huberDelta)) {
            throw new IllegalArgumentException("huberDelta must be a finite number > 0, got " + huberDelta
                    + "; use HuberLoss.DEFAULT_DELTA (" + HuberLoss.DEFAULT_DELTA + ")");
        }
        for (String name : helperMetrics) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("helperMetrics must hold non-blank names, got " + helperMetrics
                        + "; name each helper metric, e.g. \"latency_ms\"");
            }
        }
    }

    /** @return a single yes/no output: sigmoid, binary cross-entropy, nOut 1, accuracy */
    public static Task binary() {
        return new Task(TaskKind.BINARY, 1, Activation.SIGMOID, TaskLoss.XENT, HuberLoss.DEFAULT_DELTA,
                Metric.ACCURACY, List.of());
    }

    /**
     * @param nClasses number of mutually exclusive classes, at least 2
     * @return softmax, multi-class cross-entropy, nOut {@code nClasses}, accuracy
     */
    public static Task multiclass(int nClasses) {
        return new Task(TaskKind.MULTICLASS, nClasses, Activation.SOFTMAX, TaskLoss.MCXENT,
                HuberLoss.DEFAULT_DELTA, Metric.ACCURACY, List.of());
    }

    /**
     * @param nLabels number of independent yes/no labels, at least 1
     * @return one sigmoid per label, binary cross-entropy, nOut {@code nLabels}, macro F1
     */
    public static Task multilabel(int nLabels) {
        return new Task(TaskKind.MULTILABEL, nLabels, Activation.SIGMOID, TaskLoss.XENT,
                HuberLoss.DEFAULT_DELTA, Metric.F1, List.of());
    }

    /**
     * @param nTargets number of real-valued targets, at least 1
     * @return identity output, MSE, nOut {@code nTargets}, RMSE
     */
    public static Task regression(int nTargets) {
        return new Task(TaskKind.REGRESSION, nTargets, Activation.IDENTITY, TaskLoss.MSE,
                HuberLoss.DEFAULT_DELTA, Metric.RMSE, List.of());
    }

    /**
     * Regression of strictly positive targets (prices, counts, durations). The default output is
     * softplus rather than ReLU: both are positive, but a ReLU output that falls below zero gets no
     * gradient and can stay dead; choose ReLU with {@link #withOutputActivation(Activation)}.
     *
     * @param nTargets number of positive targets, at least 1
     * @return softplus output, MSE, nOut {@code nTargets}, RMSE
     */
    public static Task positiveRegression(int nTargets) {
        return new Task(TaskKind.POSITIVE_REGRESSION, nTargets, Activation.SOFTPLUS, TaskLoss.MSE,
                HuberLoss.DEFAULT_DELTA, Metric.RMSE, List.of());
    }

    /** @return a copy that compares models by {@code metric} (must suit the kind) */
    public Task withMetric(Metric metric) {
        return new Task(kind, nOut, outputActivation, loss, huberDelta, metric, helperMetrics);
    }

    /** @return a copy that trains with {@code loss} (must suit the kind) */
    public Task withLoss(TaskLoss loss) {
        return new Task(kind, nOut, outputActivation, loss, huberDelta, metric, helperMetrics);
    }

    /** @return a copy that trains with the Huber loss of threshold {@code delta} */
    public Task withHuberLoss(double delta) {
        return new Task(kind, nOut, outputActivation, TaskLoss.HUBER, delta, metric, helperMetrics);
    }

    /** @return a copy with another output activation (only ReLU/softplus for positive regression) */
    public Task withOutputActivation(Activation activation) {
        return new Task(kind, nOut, activation, loss, huberDelta, metric, helperMetrics);
    }

    /** @return a copy that also reports the helper metric {@code name} (never used to rank) */
    public Task withHelperMetric(String name) {
        List<String> names = new ArrayList<>(helperMetrics);
        names.add(name);
        return new Task(kind, nOut, outputActivation, loss, huberDelta, metric, names);
    }

    /** @return a fresh DL4J loss function for this task */
    public ILossFunction lossFunction() {
        return loss.toLossFunction(huberDelta);
    }

    /**
     * The output layer, with nIn left for DL4J to infer from the input type
     * ({@code .setInputType(..)} on the configuration builder).
     *
     * @return activation, loss, nOut and the weight init paired with the activation
     */
    public OutputLayer outputLayer() {
        return head().build();
    }

    /**
     * The output layer with an explicit number of inputs.
     *
     * @param nIn number of inputs to the layer, at least 1
     * @return activation, loss, nIn, nOut and the weight init paired with the activation
     */
    public OutputLayer outputLayer(long nIn) {
        if (nIn < 1) {
            throw new IllegalArgumentException("nIn must be >= 1, got " + nIn
                    + "; pass the previous layer's nOut, or call outputLayer() and let setInputType(..) infer it");
        }
        return head().nIn(nIn).build();
    }

    private OutputLayer.Builder head() {
        return new OutputLayer.Builder()
                .lossFunction(lossFunction())
                .activation(outputActivation)
                .weightInit(WeightInits.forActivation(outputActivation))
                .nOut(nOut);
    }

    /**
     * Scores predictions with this task's metric, deciding as {@link #decisions} does: the
     * arg-max of each row for multi-class, each sigmoid output at {@link Metric#DECISION_THRESHOLD}.
     *
     * @param labels      targets, shape [examples, nOut]
     * @param predictions network outputs, same shape
     * @return the value of {@link #metric()}
     */
    public double evaluate(INDArray labels, INDArray predictions) {
        return evaluate(metric, labels, predictions);
    }

    /**
     * Scores predictions with any metric valid for this task (e.g. a helper such as R² next to RMSE).
     *
     * @param metric      the metric to compute
     * @param labels      targets, shape [examples, nOut]
     * @param predictions network outputs, same shape
     * @return the metric's value
     */
    public double evaluate(Metric metric, INDArray labels, INDArray predictions) {
        checkMetric(kind, nOut, metric);
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predictions, "predictions");
        if (labels.rank() != 2 || labels.size(1) != nOut) {
            throw new IllegalArgumentException("labels must have shape [examples, " + nOut + "] for " + this
                    + ", got " + java.util.Arrays.toString(labels.shape()) + "; one-hot encode class labels");
        }
        return metric.compute(labels, kind.isClassification() ? decisions(predictions) : predictions);
    }

    /**
     * What network outputs decide, as 0/1 indicators of the same shape: for multi-class the
     * arg-max of each row (what a prediction reports as the class), for binary and multi-label
     * each sigmoid output at or above {@link Metric#DECISION_THRESHOLD}.
     *
     * @throws IllegalStateException for a regression task, whose outputs are values, not decisions
     */
    public INDArray decisions(INDArray predictions) {
        if (!kind.isClassification()) {
            throw new IllegalStateException("decisions: a " + kind + " task predicts values, not classes; fix: use "
                    + "the outputs themselves");
        }
        if (kind != TaskKind.MULTICLASS) {
            return predictions.gte(Metric.DECISION_THRESHOLD).castTo(predictions.dataType());
        }
        INDArray decisions = Nd4j.zerosLike(predictions);
        INDArray argMax = predictions.argMax(1);
        for (long i = 0; i < predictions.size(0); i++) {
            decisions.putScalar(i, argMax.getLong(i), 1.0);
        }
        return decisions;
    }

    private static void checkNOut(TaskKind kind, int nOut) {
        switch (kind) {
            case BINARY -> {
                if (nOut != 1) {
                    throw new IllegalArgumentException("a binary task has nOut 1 (one sigmoid), got " + nOut
                            + "; use Task.multiclass(" + nOut + ") for " + nOut + " exclusive classes");
                }
            }
            case MULTICLASS -> {
                if (nOut < 2) {
                    throw new IllegalArgumentException("nClasses must be >= 2 for a multi-class task, got " + nOut
                            + "; use Task.binary() for a single yes/no output");
                }
            }
            default -> {
                if (nOut < 1) {
                    throw new IllegalArgumentException("nOut must be >= 1 for a " + kind + " task, got " + nOut
                            + "; pass the number of target columns");
                }
            }
        }
    }

    private static void checkActivation(TaskKind kind, Activation activation) {
        boolean ok = switch (kind) {
            case BINARY, MULTILABEL -> activation == Activation.SIGMOID;
            case MULTICLASS -> activation == Activation.SOFTMAX;
            case REGRESSION -> activation == Activation.IDENTITY;
            case POSITIVE_REGRESSION -> activation == Activation.SOFTPLUS || activation == Activation.RELU;
        };
        if (!ok) {
            throw new IllegalArgumentException("outputActivation " + activation + " does not suit a " + kind
                    + " task; use " + switch (kind) {
                        case BINARY, MULTILABEL -> "SIGMOID";
                        case MULTICLASS -> "SOFTMAX";
                        case REGRESSION -> "IDENTITY";
                        case POSITIVE_REGRESSION -> "SOFTPLUS or RELU";
                    });
        }
    }

    private static void checkLoss(TaskKind kind, TaskLoss loss) {
        boolean ok = switch (kind) {
            case BINARY, MULTILABEL -> loss == TaskLoss.XENT;
            case MULTICLASS -> loss == TaskLoss.MCXENT;
            case REGRESSION, POSITIVE_REGRESSION -> loss.isRegression();
        };
        if (!ok) {
            throw new IllegalArgumentException("loss " + loss + " does not suit a " + kind + " task; use "
                    + switch (kind) {
                        case BINARY, MULTILABEL -> "XENT";
                        case MULTICLASS -> "MCXENT";
                        case REGRESSION, POSITIVE_REGRESSION -> "MSE, L1 or HUBER";
                    });
        }
    }

    private static void checkMetric(TaskKind kind, int nOut, Metric metric) {
        boolean ok = switch (kind) {
            case BINARY -> metric == Metric.ACCURACY || metric == Metric.F1 || metric == Metric.MCC;
            case MULTICLASS, MULTILABEL -> metric == Metric.ACCURACY || metric == Metric.F1;
            case REGRESSION, POSITIVE_REGRESSION -> metric == Metric.RMSE || metric == Metric.R2;
        };
        if (!ok) {
            throw new IllegalArgumentException("metric " + metric + " does not suit a " + kind + " task; use "
                    + switch (kind) {
                        case BINARY -> "ACCURACY, F1 or MCC";
                        case MULTICLASS, MULTILABEL -> "ACCURACY or F1";
                        case REGRESSION, POSITIVE_REGRESSION -> "RMSE or R2";
                    });
        }
    }
}
