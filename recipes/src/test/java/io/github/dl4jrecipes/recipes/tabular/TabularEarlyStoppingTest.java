package io.github.dl4jrecipes.recipes.tabular;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.core.train.History;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.core.train.TrainedModel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recipe's early stopping on the validation metric, restoring the best epoch's weights. */
class TabularEarlyStoppingTest {

    private static final int EPOCHS = 60;
    private static final int PATIENCE = 5;

    @TempDir
    Path dir;

    /**
     * 80 rows of four Gaussian features and a binary label that follows x0 for half the rows and
     * is a coin flip for the other half: a network learns it, then over-fits the noise, so the
     * validation accuracy peaks before the end.
     */
    private TabularData noisy() throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("x0,x1,x2,x3,y\n");
        for (int r = 0; r < 80; r++) {
            double x0 = random.nextGaussian();
            boolean label = random.nextBoolean() ? x0 > 0 : random.nextBoolean();
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%s%n", x0, random.nextGaussian(),
                    random.nextGaussian(), random.nextGaussian(), label ? "yes" : "no"));
        }
        return TabularData.fromCsv(Files.writeString(dir.resolve("noisy.csv"), csv)).target("y").build();
    }

    /** Accuracy of one sigmoid output against 0/1 labels at 0.5, counted here. */
    private static double accuracy(INDArray output, INDArray labels) {
        int right = 0;
        for (int i = 0; i < labels.size(0); i++) {
            right += (output.getDouble(i, 0) >= 0.5) == (labels.getDouble(i, 0) >= 0.5) ? 1 : 0;
        }
        return (double) right / labels.size(0);
    }

    /** Mean binary cross-entropy of one sigmoid output, computed here. */
    private static double crossEntropy(INDArray output, INDArray labels) {
        double sum = 0;
        for (int i = 0; i < labels.size(0); i++) {
            double p = output.getDouble(i, 0);
            sum -= labels.getDouble(i, 0) >= 0.5 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / labels.size(0);
    }

    @Test
    void stopsPatienceEpochsAfterTheBestAndReturnsTheBestEpochsWeights() throws IOException {
        TabularData data = noisy();
        TabularSplit split = data.split(0.5, 42);
        TrainedModel<? extends Model> model = TabularRecipe.classifier(data.schema()).withMaxLr(0.05)
                .withEpochs(EPOCHS).withEarlyStopping(PATIENCE).withProgress(Progress.LOG)
                .fit(split.train(), split.valid());
        History history = model.history();
        EpochRecord best = history.best().orElseThrow();
        assertTrue(history.size() < EPOCHS, "stopped early: " + history.size() + " epochs");
        assertEquals(best.epoch() + PATIENCE, history.size(), "stops patience epochs after the best");
        EpochRecord last = history.last().orElseThrow();
        assertTrue(Math.abs(last.validLoss() - best.validLoss()) > 0.05,
                "the last epoch's weights differ from the best's, so restoring matters: " + history.toCsv());
        DataSet valid = split.valid();
        INDArray output = ((MultiLayerNetwork) model.network()).output(valid.getFeatures());
        assertEquals(best.validMetric(), accuracy(output, valid.getLabels()), 1e-9,
                "the network returned scores the best epoch's accuracy");
        assertEquals(best.validLoss(), crossEntropy(output, valid.getLabels()), 1e-3,
                "and the best epoch's loss, not the last's (" + last.validLoss() + ")");
        assertEquals(String.valueOf(PATIENCE), model.card().settings().get("recipe.earlyStoppingPatience"));
    }

    @Test
    void patienceZeroAndNoValidationRowsTrainEveryEpoch() throws IOException {
        TabularData data = noisy();
        TabularSplit split = data.split(0.5, 42);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withMaxLr(0.05).withEpochs(EPOCHS)
                .withProgress(Progress.LOG);
        assertEquals(EPOCHS, recipe.withEarlyStopping(0).fit(split.train(), split.valid()).history().size());
        assertEquals(EPOCHS, recipe.withEarlyStopping(PATIENCE).fit(split.train(), null).history().size());
    }

    @Test
    void negativePatienceIsRejectedNamingTheMethodTheValueAndTheFix() throws IOException {
        TabularRecipe recipe = TabularRecipe.classifier(noisy().schema());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recipe.withEarlyStopping(-1));
        assertTrue(e.getMessage().startsWith("patience must be >= 0, got -1"), e.getMessage());
        assertTrue(e.getMessage().contains("or 0 for no early stopping"), e.getMessage());
    }
}
