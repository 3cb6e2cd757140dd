package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.task.TaskKind;

import java.util.Objects;

/**
 * What {@link TabularTuning#objective(TabularMetric, org.nd4j.linalg.dataset.DataSet,
 * org.nd4j.linalg.dataset.DataSet)} measures on the validation rows after each epoch, and which way
 * it improves. {@link #of(Task)} picks the one for a recipe's task.
 */
public enum TabularMetric {
    /** Fraction of rows classified right, maximised: classifiers (binary, multi-class). */
    ACCURACY(Direction.MAXIMIZE),
    /**
     * The task's loss on the outputs (cross-entropy, i.e. log-loss), minimised: classifiers and
     * multi-label recipes; finer than accuracy where accuracy saturates.
     */
    LOG_LOSS(Direction.MINIMIZE),
    /** Root mean squared error in the target's own units, minimised: regressors. */
    RMSE(Direction.MINIMIZE),
    /** Mean absolute error in the target's own units, minimised: regressors (less swayed by outliers). */
    MAE(Direction.MINIMIZE);

    private final Direction direction;

    TabularMetric(Direction direction) {
        this.direction = direction;
    }

    /**
     * The metric for a task: {@link #ACCURACY} for classifiers, {@link #RMSE} for regressors (the
     * error of the squared-error loss they train on, in the target's units), {@link #LOG_LOSS} for
     * multi-label recipes (accuracy over label sets is too coarse to rank candidates).
     *
     * @param task a recipe's task
     * @return its metric
     */
    public static TabularMetric of(Task task) {
        Objects.requireNonNull(task, "task");
        return switch (task.kind()) {
            case BINARY, MULTICLASS -> ACCURACY;
            case MULTILABEL -> LOG_LOSS;
            case REGRESSION, POSITIVE_REGRESSION -> RMSE;
        };
    }

    /** @return which way the metric improves */
    public Direction direction() {
        return direction;
    }

    /** @return whether the metric measures a regression error */
    boolean isRegressionError() {
        return this == RMSE || this == MAE;
    }

    /**
     * @param task a recipe's task
     * @return whether this metric can measure a recipe of that task
     */
    public boolean measures(Task task) {
        TaskKind kind = task.kind();
        boolean regression = kind == TaskKind.REGRESSION || kind == TaskKind.POSITIVE_REGRESSION;
        return switch (this) {
            case ACCURACY -> kind == TaskKind.BINARY || kind == TaskKind.MULTICLASS;
            case LOG_LOSS -> !regression;
            case RMSE, MAE -> regression;
        };
    }

    /**
     * @param task a candidate's task
     * @throws IllegalArgumentException when this metric cannot measure it
     */
    void check(Task task) {
        if (!measures(task)) {
            throw new IllegalArgumentException("metric: " + this + " cannot measure a " + task.kind() + " recipe; fix: "
                    + "use TabularTuning.objective(recipe, train, valid), which measures " + of(task) + " for it, or "
                    + "one of " + java.util.Arrays.stream(values()).filter(m -> m.measures(task)).toList());
        }
    }
}
