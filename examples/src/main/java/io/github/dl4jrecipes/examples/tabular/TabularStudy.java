package io.github.dl4jrecipes.examples.tabular;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.tuning.SearchSpaces;
import io.github.dl4jrecipes.tuning.TabularSpace;
import io.github.dl4jrecipes.tuning.TabularTuning;
import io.github.dl4jrecipes.tuning.Tuner;
import io.github.dl4jrecipes.tuning.TuningResult;

import org.nd4j.linalg.dataset.DataSet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Tunes the tabular classifier recipe on a table: the same 60/20/20 split as {@link TabularTraining},
 * the preset space {@link SearchSpaces#tabular(TabularRecipe, org.nd4j.linalg.dataset.DataSet)},
 * validation accuracy as the objective, a resumable study folder with the leaderboard and the HTML
 * report; prints the leaderboard and the best recipe's card.
 *
 * @param strategy  how trials are proposed and budgeted
 * @param trials    most trials, ≥ 1
 * @param maxEpochs epochs of a fully trained trial (the 1cycle length), ≥ 1
 * @param seed      seed of the split, the recipe and the study
 */
public record TabularStudy(Strategy strategy, int trials, int maxEpochs, long seed) {

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
        /** Random proposals, asynchronous successive halving from {@link #MIN_EPOCHS} to the max epochs. */
        ASHA,
        /** Random proposals, Hyperband brackets from {@link #MIN_EPOCHS} to the max epochs. */
        HYPERBAND
    }

    /** Validates the settings. */
    public TabularStudy {
        Objects.requireNonNull(strategy, "strategy");
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials + "; e.g. 20");
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("max epochs must be >= 1, got " + maxEpochs + "; e.g. 27 (= 3^3 for η 3)");
        }
    }

    /**
     * Runs (or resumes) the study.
     *
     * @param data  the table; its target must hold classes (or integer class codes)
     * @param study the study folder (created, or resumed when it holds the same space)
     * @param out   where the leaderboard and the best recipe go
     * @return the study's result
     */
    public TuningResult<TabularRecipe> run(TabularData data, Path study, PrintWriter out) {
        TabularSplit split = data.split(TabularTraining.DEFAULT_TRAIN, TabularTraining.DEFAULT_VALID, seed);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(maxEpochs).withSeed(seed)
                .withProgress(Progress.LOG);
        DataSet train = recipe.classLabels(split.train());
        DataSet valid = recipe.classLabels(split.valid());
        TabularSpace space = SearchSpaces.tabular(recipe, train);
        Tuner<TabularRecipe> tuner = switch (strategy) {
            case RANDOM -> Tuner.random(space, maxEpochs);
            case TPE -> Tuner.tpe(space, maxEpochs);
            case ASHA -> Tuner.asha(space, Math.min(MIN_EPOCHS, maxEpochs), maxEpochs, ETA);
            case HYPERBAND -> Tuner.hyperband(space, Math.min(MIN_EPOCHS, maxEpochs), maxEpochs, ETA);
        };
        TuningResult<TabularRecipe> result = tuner.maxTrials(trials).seed(seed).study(study)
                .run(TabularTuning.objective(train, valid));
        out.println(result.leaderboard().toText(TOP));
        result.best().ifPresent(best -> out.println("best trial " + best.number() + ": " + best.params()));
        out.println(TabularTuning.best(result).card());
        out.println("leaderboard: " + study.resolve("leaderboard.csv") + ", report: " + result.report());
        out.flush();
        return result;
    }
}
