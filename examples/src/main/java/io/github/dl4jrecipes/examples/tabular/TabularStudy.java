package io.github.dl4jrecipes.examples.tabular;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.tuning.Samplers;
import io.github.dl4jrecipes.tuning.SearchSpaces;
import io.github.dl4jrecipes.tuning.StudyStorage;
import io.github.dl4jrecipes.tuning.TabularSpace;
import io.github.dl4jrecipes.tuning.TabularTuning;
import io.github.dl4jrecipes.tuning.Tuner;
import io.github.dl4jrecipes.tuning.TuningResult;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.dataset.DataSet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tunes the tabular recipe on a table: a classifier for classes (or integer class codes), else a
 * regressor; the same 60/20/20 split as {@link TabularTraining}, the preset space
 * {@link SearchSpaces#tabular(TabularRecipe, org.nd4j.linalg.dataset.DataSet)}, the task's validation
 * metric as the objective ({@link TabularTuning#objective(TabularRecipe, DataSet, DataSet)}: accuracy,
 * or RMSE in the target's units), the recipe as given as the first trial, then the queued candidates;
 * a resumable study folder with the leaderboard and the HTML report; prints the leaderboard and the
 * best recipe's card.
 *
 * @param strategy  how trials are proposed and budgeted
 * @param trials    most trials, ≥ 1
 * @param maxEpochs epochs of a fully trained trial (the 1cycle length), ≥ 1
 * @param seed      seed of the split, the recipe and the study
 * @param enqueue   candidates to train before the sampler's, each hyperparameter values by name ({@link Tuner#enqueue})
 */
public record TabularStudy(Strategy strategy, int trials, int maxEpochs, long seed,
                           List<Map<String, String>> enqueue) {

    /** Fewest epochs a trial trains under ASHA and Hyperband before its first comparison. */
    public static final int MIN_EPOCHS = 1;
    /** Reduction factor η of ASHA and Hyperband: 3, the Hyperband paper's and ASHA's default. */
    public static final int ETA = 3;
    /** Leaderboard rows printed. */
    public static final int TOP = 10;

    /** How trials are proposed and how many epochs each gets. */
    public enum Strategy {
        /** Random search, every trial the full budget. */
        RANDOM,
        /** Tree-structured Parzen Estimator, every trial the full budget. */
        TPE,
        /** Multivariate TPE (a joint density over the hyperparameters), every trial the full budget. */
        MV_TPE,
        /** CMA-ES over the numeric hyperparameters (categorical ones by TPE), every trial the full budget. */
        CMAES,
        /** Random proposals, asynchronous successive halving from {@link #MIN_EPOCHS} to the max epochs. */
        ASHA,
        /** Random proposals, Hyperband brackets from {@link #MIN_EPOCHS} to the max epochs. */
        HYPERBAND;

        /**
         * @param space     the space to search
         * @param maxEpochs epochs of a fully trained trial
         * @param <C>       the candidate type
         * @return a tuner of this strategy over {@code space}
         */
        public <C> Tuner<C> tuner(ParameterSpace<C> space, int maxEpochs) {
            return switch (this) {
                case RANDOM -> Tuner.random(space, maxEpochs);
                case TPE -> Tuner.tpe(space, maxEpochs);
                case MV_TPE -> Tuner.random(space, maxEpochs).sampler(Samplers.multivariateTpe());
                case CMAES -> Tuner.random(space, maxEpochs).sampler(Samplers.cmaEs());
                case ASHA -> Tuner.asha(space, Math.min(MIN_EPOCHS, maxEpochs), maxEpochs, ETA);
                case HYPERBAND -> Tuner.hyperband(space, Math.min(MIN_EPOCHS, maxEpochs), maxEpochs, ETA);
            };
        }
    }

    /** Validates the settings. */
    public TabularStudy {
        Objects.requireNonNull(strategy, "strategy");
        enqueue = List.copyOf(enqueue);
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials + "; e.g. 20");
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("max epochs must be >= 1, got " + maxEpochs + "; e.g. 27 (= 3^3 for η 3)");
        }
    }

    /**
     * A study with no queued candidate.
     *
     * @param strategy  how trials are proposed and budgeted
     * @param trials    most trials, ≥ 1
     * @param maxEpochs epochs of a fully trained trial, ≥ 1
     * @param seed      seed of the split, the recipe and the study
     */
    public TabularStudy(Strategy strategy, int trials, int maxEpochs, long seed) {
        this(strategy, trials, maxEpochs, seed, List.of());
    }

    /**
     * Runs (or resumes) the study.
     *
     * @param data  the table
     * @param study where the study lives (created, or resumed when it holds the same space)
     * @param out   where the leaderboard and the best recipe go
     * @return the study's result
     */
    public TuningResult<TabularRecipe> run(TabularData data, StudyStorage study, PrintWriter out) {
        TabularSplit split = data.split(TabularTraining.DEFAULT_TRAIN, TabularTraining.DEFAULT_VALID, seed);
        boolean classes = data.schema().targetKind().isClassification() || !data.schema().integerCodes().isEmpty();
        TabularRecipe recipe = (classes ? TabularRecipe.classifier(data.schema())
                : TabularRecipe.regressor(data.schema())).withEpochs(maxEpochs).withSeed(seed)
                .withProgress(Progress.LOG);
        DataSet train = recipe.classLabels(split.train());
        DataSet valid = recipe.classLabels(split.valid());
        TabularSpace space = SearchSpaces.tabular(recipe, train, study);
        Tuner<TabularRecipe> tuner = strategy.tuner(space, maxEpochs);
        enqueue.forEach(tuner::enqueue);
        TuningResult<TabularRecipe> result = tuner.maxTrials(trials).seed(seed).storage(study)
                .run(TabularTuning.objective(recipe, train, valid));
        out.println(result.leaderboard().toText(TOP));
        result.best().ifPresent(best -> out.println("best trial " + best.number() + " (rank 1 above)"));
        out.println(TabularTuning.best(result).card());
        out.println("leaderboard: " + result.studyDir().resolve("leaderboard.csv") + ", report: " + result.report());
        out.flush();
        return result;
    }
}
