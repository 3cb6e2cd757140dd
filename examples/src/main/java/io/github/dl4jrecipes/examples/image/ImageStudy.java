package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.examples.tabular.TabularStudy;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import io.github.dl4jrecipes.tuning.ImageSpace;
import io.github.dl4jrecipes.tuning.ImageTuning;
import io.github.dl4jrecipes.tuning.SearchSpaces;
import io.github.dl4jrecipes.tuning.StudyStorage;
import io.github.dl4jrecipes.tuning.Tuner;
import io.github.dl4jrecipes.tuning.TuningResult;
import org.nd4j.linalg.dataset.DataSet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tunes an image recipe: the preset space {@link SearchSpaces#image(ImageRecipe, DataSet, Path)}
 * (the LR finder's pick kept in the study), validation accuracy
 * ({@link ImageTuning#objective}), the recipe as given as the first trial, then the queued
 * candidates; a resumable study folder with the leaderboard and the HTML report; prints the
 * leaderboard and the best recipe's card.
 *
 * @param strategy  how trials are proposed and budgeted
 * @param trials    most trials, ≥ 1
 * @param maxEpochs epochs of a fully trained trial (the 1cycle length), ≥ 1
 * @param seed      seed of the study
 * @param enqueue   candidates to train before the sampler's, each hyperparameter values by name
 */
public record ImageStudy(TabularStudy.Strategy strategy, int trials, int maxEpochs, long seed,
                         List<Map<String, String>> enqueue) {

    /** Validates the settings. */
    public ImageStudy {
        Objects.requireNonNull(strategy, "strategy");
        enqueue = List.copyOf(enqueue);
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials + "; e.g. 20");
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("max epochs must be >= 1, got " + maxEpochs + "; e.g. 9 (= 3^2 for η 3)");
        }
    }

    /**
     * Runs (or resumes) the study.
     *
     * @param recipe the recipe as given (its epochs are set to the max epochs)
     * @param train  the training images {@code [n, channels, height, width]}, one-hot labels
     * @param valid  the validation images
     * @param study  where the study lives (created, or resumed when it holds the same space and strategy)
     * @param out    where the leaderboard and the best recipe go
     * @return the study's result
     */
    public TuningResult<ImageRecipe> run(ImageRecipe recipe, DataSet train, DataSet valid, StudyStorage study,
                                         PrintWriter out) {
        ImageRecipe base = recipe.withEpochs(maxEpochs);
        ImageSpace space = SearchSpaces.image(base, train, study);
        Tuner<ImageRecipe> tuner = strategy.tuner(space, maxEpochs);
        enqueue.forEach(tuner::enqueue);
        TuningResult<ImageRecipe> result = tuner.maxTrials(trials).seed(seed).storage(study)
                .run(ImageTuning.objective(train, valid));
        out.println(result.leaderboard().toText(TabularStudy.TOP));
        result.best().ifPresent(best -> out.println("best trial " + best.number() + " (rank 1 above)"));
        out.println(ImageTuning.best(result).card());
        out.println("leaderboard: " + result.studyDir().resolve("leaderboard.csv") + ", report: " + result.report());
        out.flush();
        return result;
    }
}
