package io.github.dl4jrecipes.core.task;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Objects;

/**
 * The single number used to compare two models on a task, with its direction.
 *
 * <p>Classification metrics take decisions: 0/1 indicator matrices, one column per output. A
 * single column may also hold sigmoid probabilities, binarised at {@link #DECISION_THRESHOLD}.
 * Probabilities over several columns are refused: what they decide depends on the task (the
 * arg-max of a softmax, a threshold per column for multi-label sigmoids), so score network
 * outputs with {@link Task#evaluate(INDArray, INDArray)}, which decides as the task does.
 */
public enum Metric {
    /** Fraction of examples whose every output is right (exact match). Higher is better. */
    ACCURACY(Direction.HIGHER_IS_BETTER),
    /** F1 of the positive class for one column; macro-averaged over columns otherwise. Higher is better. */
    F1(Direction.HIGHER_IS_BETTER),
    /**
     * Matthews correlation coefficient of a single binary output (Matthews, 1975; Chicco &amp;
     * Jurman, 2020: the most informative single score for imbalanced binary data). Higher is better.
     */
    MCC(Direction.HIGHER_IS_BETTER),
    /** Root mean squared error over all outputs. Lower is better. */
    RMSE(Direction.LOWER_IS_BETTER),
    /** Coefficient of determination, averaged uniformly over outputs (as scikit-learn). Higher is better. */
    R2(Direction.HIGHER_IS_BETTER);

    /** Whether a larger value of a metric means a better model. */
    public enum Direction {
        /** Larger is better (accuracy, F1, MCC, R²). */
        HIGHER_IS_BETTER,
        /** Smaller is better (errors). */
        LOWER_IS_BETTER
    }

    /** Probability at or above which a sigmoid output counts as positive: 0.5, the Bayes threshold for calibrated probabilities. */
    public static final double DECISION_THRESHOLD = 0.5;

    private final Direction direction;

    Metric(Direction direction) {
        this.direction = direction;
    }

    /** @return whether higher or lower values are better */
    public Direction direction() {
        return direction;
    }

    /** @return true when {@code candidate} is strictly better than {@code incumbent} */
    public boolean isBetter(double candidate, double incumbent) {
        return direction == Direction.HIGHER_IS_BETTER ? candidate > incumbent : candidate < incumbent;
    }

    /** @return the worst possible value, a starting point for "best so far" */
    public double worst() {
        return direction == Direction.HIGHER_IS_BETTER ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /**
     * Computes this metric.
     *
     * @param labels      targets, shape [examples, outputs]
     * @param predictions predictions (or decisions), same shape
     * @return the metric's value
     */
    public double compute(INDArray labels, INDArray predictions) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predictions, "predictions");
        if (!Arrays.equals(labels.shape(), predictions.shape()) || labels.rank() != 2) {
            throw new IllegalArgumentException("labels and predictions must be matrices of the same shape [examples, outputs]; got labels "
                    + Arrays.toString(labels.shape()) + " and predictions " + Arrays.toString(predictions.shape())
                    + ": pass network.output(features) for the same examples as the labels");
        }
        if (labels.size(0) == 0) {
            throw new IllegalArgumentException("labels has 0 examples; pass at least one example to compute " + this);
        }
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] p = predictions.castTo(DataType.DOUBLE).toDoubleMatrix();
        if (direction == Direction.HIGHER_IS_BETTER && this != R2 && p[0].length > 1) {
            checkDecisions(p);
        }
        return switch (this) {
            case ACCURACY -> accuracy(y, p);
            case F1 -> f1(y, p);
            case MCC -> mcc(y, p);
            case RMSE -> rmse(y, p);
            case R2 -> r2(y, p);
        };
    }

    /** Refuses multi-column classification predictions that are not 0/1 decisions. */
    private void checkDecisions(double[][] p) {
        for (int i = 0; i < p.length; i++) {
            for (double v : p[i]) {
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException(this + ".compute: predictions row " + (i + 1) + " "
                            + Arrays.toString(p[i]) + " is not a 0/1 decision; over " + p[i].length + " columns a "
                            + "probability decides nothing by itself (softmax: the arg-max is the class; multi-label "
                            + "sigmoid: each column at " + DECISION_THRESHOLD + "); fix: score network outputs with "
                            + "task.evaluate(labels, outputs), which decides as the task does");
                }
            }
        }
    }

    private static boolean positive(double v) {
        return v >= DECISION_THRESHOLD;
    }

    private static double accuracy(double[][] y, double[][] p) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            boolean all = true;
            for (int j = 0; j < y[i].length && all; j++) {
                all = positive(y[i][j]) == positive(p[i][j]);
            }
            right += all ? 1 : 0;
        }
        return (double) right / y.length;
    }

    private static long[] confusion(double[][] y, double[][] p, int column) {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < y.length; i++) {
            boolean truth = positive(y[i][column]);
            boolean guess = positive(p[i][column]);
            if (truth && guess) {
                tp++;
            } else if (guess) {
                fp++;
            } else if (truth) {
                fn++;
            } else {
                tn++;
            }
        }
        return new long[]{tp, fp, fn, tn};
    }

    private static double f1(double[][] y, double[][] p) {
        int columns = y[0].length;
        double sum = 0;
        for (int j = 0; j < columns; j++) {
            long[] c = confusion(y, p, j);
            long denominator = 2 * c[0] + c[1] + c[2];
            // no positives and none predicted: perfect agreement on this column
            sum += denominator == 0 ? 1.0 : 2.0 * c[0] / denominator;
        }
        return sum / columns;
    }

    private static double mcc(double[][] y, double[][] p) {
        if (y[0].length != 1) {
            throw new IllegalArgumentException("MCC needs a single binary output column, got " + y[0].length
                    + " columns; use F1 or ACCURACY for multi-class and multi-label tasks");
        }
        long[] c = confusion(y, p, 0);
        double tp = c[0], fp = c[1], fn = c[2], tn = c[3];
        double denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        // a constant predictor or constant labels carry no correlation: 0 by convention
        return denominator == 0 ? 0.0 : (tp * tn - fp * fn) / denominator;
    }

    private static double rmse(double[][] y, double[][] p) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y[i].length; j++) {
                double d = p[i][j] - y[i][j];
                sum += d * d;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    private static double r2(double[][] y, double[][] p) {
        int columns = y[0].length;
        double total = 0;
        for (int j = 0; j < columns; j++) {
            double mean = 0;
            for (double[] row : y) {
                mean += row[j];
            }
            mean /= y.length;
            double residual = 0, spread = 0;
            for (int i = 0; i < y.length; i++) {
                residual += (y[i][j] - p[i][j]) * (y[i][j] - p[i][j]);
                spread += (y[i][j] - mean) * (y[i][j] - mean);
            }
            // constant target: 1 if predicted exactly, else 0 (scikit-learn's convention)
            total += spread == 0 ? (residual == 0 ? 1.0 : 0.0) : 1.0 - residual / spread;
        }
        return total / columns;
    }
}
