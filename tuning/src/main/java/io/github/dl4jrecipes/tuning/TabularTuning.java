package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.task.TaskKind;
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
 * Tuning a {@link TabularRecipe}: the objective that trains each candidate recipe an epoch at a
 * time (validation accuracy, checkpoints with the updater state, so ASHA/Hyperband promotions and
 * resumed trials continue), and the best trial back as a recipe, optionally refit on train + valid.
 *
 * <pre>{@code
 * TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(27);
 * TuningResult<TabularRecipe> result = Tuner.hyperband(SearchSpaces.tabular(recipe, split.train()), 1, 27, 3)
 *         .study(Path.of("study")).run(TabularTuning.objective(split.train(), split.valid()));
 * TabularRecipe best = TabularTuning.best(result);                                 // a plain recipe
 * TrainedModel<?> model = TabularTuning.refit(result, split.train(), split.valid());   // on both
 * }</pre>
 */
public final class TabularTuning {

    private TabularTuning() {
    }

    /**
     * An objective to maximise: the candidate recipe's validation accuracy after each epoch. Each
     * trial trains its own network of {@code candidate.withTrainRows(train rows).toConfiguration()}
     * (the 1cycle schedule spans the recipe's epochs) on {@code train} in the recipe's batch size,
     * shuffled with the recipe's seed.
     *
     * @param train the training rows (encoded by the data layer)
     * @param valid the validation rows
     * @return the objective
     * @throws IllegalArgumentException at a trial's start when the recipe is a regressor (accuracy needs classes)
     */
    public static Objective<TabularRecipe> objective(DataSet train, DataSet valid) {
        return objective(train, valid, false);
    }

    /**
     * An objective to <em>minimise</em> (it declares {@link Direction#MINIMIZE}, which the tuner follows):
     * the candidate recipe's validation loss after each epoch, the task's loss on the network's
     * outputs (cross-entropy, i.e. log-loss, for classifiers) without regularization terms; see
     * {@link NetworkObjective#PROBABILITY_EPSILON}. Finer than accuracy where accuracy saturates
     * (penguins: most candidates reach 100%). Trained as {@link #objective(DataSet, DataSet)}.
     *
     * @param train the training rows (encoded by the data layer)
     * @param valid the validation rows
     * @return the objective
     * @throws IllegalArgumentException at a trial's start when the recipe is a regressor
     */
    public static Objective<TabularRecipe> lossObjective(DataSet train, DataSet valid) {
        return objective(train, valid, true).improving(Direction.MINIMIZE);
    }

    private static Objective<TabularRecipe> objective(DataSet train, DataSet valid, boolean loss) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        int rows = train.numExamples();
        return (candidate, context) -> {
            if (candidate.task().kind() == TaskKind.REGRESSION) {
                throw new IllegalArgumentException("recipe: TabularTuning." + (loss ? "lossObjective" : "objective")
                        + " tunes classifiers, but the recipe is a regressor (target '" + candidate.schema().target()
                        + "', trained here without fit()'s target scaling); fix: tune a classifier, or write an "
                        + "Objective<TabularRecipe> that measures the regression error");
            }
            TabularRecipe sized = candidate.withTrainRows(rows);
            TabularSettings settings = sized.resolvedSettings();
            int batch = settings.batchSize().value();
            long seed = settings.seed().value();
            Model net = sized.toConfiguration().init();
            DataSetIterator trainIt = InMemoryIterator.shuffled(train, batch, seed);
            DataSetIterator validIt = InMemoryIterator.sequential(valid, Math.max(1, Math.min(valid.numExamples(),
                    batch)));
            return loss ? NetworkObjective.lossSession(net, candidate.task(), trainIt, validIt)
                    : NetworkObjective.session(net, trainIt, validIt);
        };
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
