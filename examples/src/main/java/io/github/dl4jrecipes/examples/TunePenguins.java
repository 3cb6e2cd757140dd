package io.github.dl4jrecipes.examples;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.examples.tabular.TabularStudy;
import io.github.dl4jrecipes.examples.tabular.TabularTraining;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.tuning.TabularTuning;
import io.github.dl4jrecipes.tuning.StudyStorage;
import io.github.dl4jrecipes.tuning.TuningResult;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Tunes the tabular recipe on the bundled Palmer penguins table with ASHA ({@value #TRIALS}
 * trials, 1 to {@value #MAX_EPOCHS} epochs, η 3): writes the study (leaderboard.csv/json,
 * report.html) into {@code out/penguins-study} (or the folder given as the first argument;
 * running it again resumes or reuses the study), prints the leaderboard and the best recipe, then
 * refits the best recipe on train + valid and prints its test accuracy.
 *
 * <p>Run from the repository root:
 * {@code mvn -B -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=io.github.dl4jrecipes.examples.TunePenguins}
 */
public final class TunePenguins {

    /** Where the study goes unless the first argument names another folder. */
    static final Path DEFAULT_STUDY = Path.of("out", "penguins-study");
    /** Trials: enough for ASHA to promote a few to the full budget, small enough to finish in a couple of minutes. */
    static final int TRIALS = 20;
    /** Epochs of a fully trained trial: 9 = 3², so ASHA's rungs are 1, 3 and 9 epochs. */
    static final int MAX_EPOCHS = 9;

    private TunePenguins() {
    }

    /** @param args optional: the study folder */
    public static void main(String[] args) {
        Path study = args.length > 0 ? Path.of(args[0]) : DEFAULT_STUDY;
        PrintWriter out = new PrintWriter(System.out, true);
        TabularData data = TabularData.penguins();
        TabularStudy settings = new TabularStudy(TabularStudy.Strategy.ASHA, TRIALS, MAX_EPOCHS,
                Fit.DEFAULT_SEED);
        TuningResult<TabularRecipe> result = settings.run(data, StudyStorage.directory(study), out);

        TabularSplit split = data.split(TabularTraining.DEFAULT_TRAIN, TabularTraining.DEFAULT_VALID,
                Fit.DEFAULT_SEED);
        TrainedModel<? extends Model> refit = TabularTuning.refit(result, split.train(), split.valid());
        split.test().ifPresent(test -> {
            Evaluation evaluation = new Evaluation();
            evaluation.eval(test.getLabels(), ((MultiLayerNetwork) refit.network()).output(test.getFeatures()));
            out.printf("best recipe refit on train + valid: test accuracy %.4f on %d rows%n", evaluation.accuracy(),
                    test.numExamples());
        });
    }
}
