package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.eval.ClassifierReport;
import io.github.dl4jrecipes.core.hardware.Backend;
import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.core.lr.LrFinderResult;
import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.augment.AugmentationGrid;
import io.github.dl4jrecipes.recipes.augment.TestTimeAugmentation;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What both image samples do once they have data: print the hardware report, find the LR (unless
 * given), draw the augmented samples, train, evaluate on the test data and write everything into
 * the output folder.
 */
public final class ImageSampleRun {

    /** Rows and augmented columns of the sample grid. */
    private static final int GRID_ROWS = 8;
    private static final int GRID_AUGMENTED = 7;

    private final PrintWriter console;

    /** @param console where the report, the LR pick and the results are printed */
    public ImageSampleRun(PrintWriter console) {
        this.console = console;
    }

    /**
     * @param recipe      the recipe (its LR is found here unless the options give one)
     * @param options     the peak LR (or null for the LR finder) and TTA
     * @param out         the folder to write into (a staging folder of {@link ImageModelFolder#write})
     * @param train       training batches
     * @param test        test batches, also shown as the validation curve (no model selection uses them)
     * @param gridImages  some training images for the augmentation grid
     * @param classNames  class names by label index
     * @return the trained model
     */
    public TrainedModel<ComputationGraph> run(ImageRecipe recipe, TrainingOptions options, Path out,
            DataSetIterator train, DataSetIterator test, INDArray gridImages, List<String> classNames)
            throws IOException {
        Double maxLr = options.maxLr;
        Backend.setUp();
        console.println(Hardware.report());
        ImageRecipe configured;
        if (maxLr == null) {
            LrFinderResult lr = recipe.findLr(train);
            lr.plot(out.resolve("lr-finder.png"));
            lr.writeCsv(out.resolve("lr-finder.csv"));
            console.printf(Locale.ROOT, "LR finder: peak learning rate %.3g (%s; valley %.3g, steep %.3g)%n",
                    lr.suggestion(), lr.chosen(), lr.valley(), lr.steep());
            configured = recipe.withMaxLr(lr);
        } else {
            console.printf(Locale.ROOT, "Peak learning rate %.3g (given)%n", maxLr);
            configured = recipe.withMaxLr(maxLr);
        }
        int rows = (int) Math.min(GRID_ROWS, gridImages.size(0));
        AugmentationGrid.write(out.resolve("augmented.png"), gridImages, configured.shape(), configured.augment(),
                rows, GRID_AUGMENTED, configured.seed());
        console.printf(Locale.ROOT, "Training %s for %d epochs, batch %d, augmentation %s%n",
                configured.architecture(), configured.epochs(), configured.batchSize(), configured.augment());

        long start = System.nanoTime();
        TrainedModel<ComputationGraph> model = configured.fit(train, test);
        double minutes = (System.nanoTime() - start) / 60e9;

        ClassifierReport report = ClassifierReport.of(model.network(), test, classNames);
        report.writeHeatMap(out.resolve("confusion.png"));
        Files.writeString(out.resolve("confusion.txt"), report.confusionText());
        model.history().writeAll(out, "history");
        model.save(out.resolve("model.zip"));

        EpochRecord last = model.history().last().orElseThrow();
        console.println(report.confusionText());
        console.printf(Locale.ROOT, "Test accuracy: %.4f after %d epochs (%.1f min, last epoch %.0f img/s)%n",
                report.accuracy(), model.history().size(), minutes, last.samplesPerSecond());
        if (options.tta) {
            Augment policy = options.recipe.flips(Augment.light());
            double tta = TestTimeAugmentation.of(policy, configured.shape())
                    .evaluate(model.network(), test, classNames).accuracy();
            console.printf(Locale.ROOT, "Test accuracy with test-time augmentation: %.4f (mean of the image and %d "
                    + "light-augmented copies)%n", tta, TestTimeAugmentation.DEFAULT_COPIES);
        }
        console.flush();
        console.println("Writing " + options.out.toAbsolutePath() + ": model.zip (+ card, history), history.png/csv/json, "
                + "confusion.png/txt, augmented.png" + (maxLr == null ? ", lr-finder.png/csv" : ""));
        console.flush();
        return model;
    }
}
