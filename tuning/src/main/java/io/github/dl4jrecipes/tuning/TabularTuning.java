package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.recipes.tabular.TabularSettings;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Tuning a {@link TabularRecipe} of any task: the objective that trains each candidate recipe an
 * epoch at a time (the task's validation metric, {@link TabularMetric}; checkpoints with the updater
 * state, so ASHA/Hyperband promotions and resumed trials continue), and the best trial back as a
 * recipe, optionally refit on train + valid.
 *
 * <pre>{@code
 * TabularRecipe recipe = TabularRecipe.regressor(data.schema()).withEpochs(27);   // or classifier, multilabel
 * TuningResult<TabularRecipe> result = Tuner.hyperband(SearchSpaces.tabular(recipe, split.train()), 1, 27, 3)
 *         .study(Path.of("study")).run(TabularTuning.objective(recipe, split.train(), split.valid()));  // RMSE
 * TabularRecipe best = TabularTuning.best(result);                                 // a plain recipe
 * TrainedModel<?> model = TabularTuning.refit(result, split.train(), split.valid());   // on both
 * }</pre>
 */
public final class TabularTuning {

    private TabularTuning() {
    }

    /**
     * The objective for the recipe's task ({@link TabularMetric#of}): validation accuracy (maximised)
     * for classifiers, RMSE in the target's units (minimised) for regressors, log-loss (minimised)
     * for multi-label recipes; see {@link #objective(TabularMetric, DataSet, DataSet)}.
     *
     * @param recipe the recipe the space was derived from (only its task is read)
     * @param train  the training rows (encoded by the data layer)
     * @param valid  the validation rows
     * @return the objective, declaring its direction
     */
    public static Objective<TabularRecipe> objective(TabularRecipe recipe, DataSet train, DataSet valid) {
        Objects.requireNonNull(recipe, "recipe");
        return objective(TabularMetric.of(recipe.task()), train, valid);
    }

    /**
     * An objective to maximise: the candidate recipe's validation accuracy after each epoch;
     * {@code objective(TabularMetric.ACCURACY, train, valid)}. For classifiers: tune any recipe with
     * {@link #objective(TabularRecipe, DataSet, DataSet)}.
     *
     * @param train the training rows (encoded by the data layer)
     * @param valid the validation rows
     * @return the objective
     * @throws IllegalArgumentException at the first trial's start (failing the study) when the recipe is
     *                                  not a classifier
     */
    public static Objective<TabularRecipe> objective(DataSet train, DataSet valid) {
        return objective(TabularMetric.ACCURACY, train, valid);
    }

    /**
     * An objective to <em>minimise</em>: the validation log-loss;
     * {@code objective(TabularMetric.LOG_LOSS, train, valid)}.
     *
     * @param train the training rows (encoded by the data layer)
     * @param valid the validation rows
     * @return the objective
     * @throws IllegalArgumentException at the first trial's start when the recipe is a regressor
     */
    public static Objective<TabularRecipe> lossObjective(DataSet train, DataSet valid) {
        return objective(TabularMetric.LOG_LOSS, train, valid);
    }

    /**
     * An objective measuring {@code metric} on {@code valid} after each epoch; it declares the
     * metric's {@link TabularMetric#direction()}, which the tuner follows. Each trial trains its own
     * network of {@code candidate.withTrainRows(train rows).toConfiguration()} (the 1cycle schedule
     * spans the recipe's epochs) on {@code train} in the recipe's batch size, shuffled with the
     * recipe's seed, as {@link TabularRecipe#fit} trains. A regressor trains on targets standardized
     * with the training rows' mean and standard deviation, as {@code fit} does, and its error is
     * measured on predictions mapped back to the target's units. {@link NetworkObjective#validationLoss}
     * describes the log-loss.
     *
     * @param metric what to measure
     * @param train  the training rows (encoded by the data layer)
     * @param valid  the validation rows
     * @return the objective
     * @throws IllegalArgumentException at the first trial's start (failing the study with this message) when
     *                                  the metric cannot measure the recipe's task
     */
    public static Objective<TabularRecipe> objective(TabularMetric metric, DataSet train, DataSet valid) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        int rows = train.numExamples();
        Objective<TabularRecipe> objective = (candidate, context) -> {
            metric.check(candidate.task());
            TabularRecipe sized = candidate.withTrainRows(rows);
            TabularSettings settings = sized.resolvedSettings();
            int batch = settings.batchSize().value();
            long seed = settings.seed().value();
            Model net = sized.toConfiguration().init();
            int validBatch = Math.max(1, Math.min(valid.numExamples(), batch));
            if (metric.isRegressionError()) {
                Standardization targets = Standardization.of(train.getLabels());
                return NetworkObjective.session(net, InMemoryIterator.shuffled(targets.apply(train), batch, seed),
                        InMemoryIterator.sequential(valid, validBatch), targets.error(metric == TabularMetric.RMSE));
            }
            NetworkObjective.Measure measure = metric == TabularMetric.ACCURACY ? NetworkObjective.validationAccuracy()
                    : NetworkObjective.validationLoss(candidate.task());
            return NetworkObjective.session(net, InMemoryIterator.shuffled(train, batch, seed),
                    InMemoryIterator.sequential(valid, validBatch), measure);
        };
        return objective.improving(metric.direction());
    }

    /**
     * @param result a finished study over a {@link TabularSpace}
     * @return the best trial's recipe
     * @throws NoSuchElementException when no trial finished
     */
    public static TabularRecipe best(TuningResult<TabularRecipe> result) {
        Objects.requireNonNull(result, "result");
        return result.requireBestCandidate();
    }

    /**
     * Trains the best trial's recipe afresh on train + valid (more data for the final model; no
     * validation set is left, so the recipe's epochs are used as they are).
     *
     * @param result a finished study over a {@link TabularSpace}
     * @param train  the training rows the study used
     * @param valid  the validation rows the study used
     * @return the model trained on both
     */
    public static TrainedModel<? extends Model> refit(TuningResult<TabularRecipe> result, DataSet train,
            DataSet valid) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        return best(result).fit(DataSet.merge(List.of(train, valid)), null);
    }
}
