package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.lr.LrFinderResult;
import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.core.train.History;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the LR range test costs against the training run it serves, on one data path, and whether
 * its pick (capped at {@link LrFinder#SHORT_SWEEP_SHARE} of the run) trains as well as fastai's
 * 100-step pick: fastai's 100-step finder and a training run with its pick, then the capped finder
 * and a run with its pick, each timed once.
 */
final class LrFinderCost {

    private static final double NANOS_PER_SECOND = 1e9;
    /** Grey levels of a PNG pixel. */
    private static final int GREY_LEVELS = 255;

    /** The markdown table's header, matching {@link Row#markdown()}. */
    static final String HEADER = "| path | train images | run (epochs × batches) | finder steps | finder s "
            + "| finder / run | finder step / train step | pick | valid acc. | 100-step finder s | 100-step pick "
            + "| valid acc. |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    /**
     * One path's measurements.
     *
     * @param path          what the data is
     * @param images        training images
     * @param epochs        planned epochs
     * @param batches       batches per epoch
     * @param capped        the finder as the recipe runs it (capped by the run)
     * @param cappedSeconds its wall time
     * @param trained       the run trained with its pick
     * @param full          the finder with fastai's 100 steps (no cap)
     * @param fullSeconds   its wall time
     * @param fullTrained   the run trained with that pick
     */
    record Row(String path, int images, int epochs, int batches, LrFinderResult capped, double cappedSeconds,
               History trained, LrFinderResult full, double fullSeconds, History fullTrained) {

        /** Seconds of the run's training passes (validation left out, as the finder has none). */
        double trainSeconds() {
            return trained.epochs().stream().mapToDouble(EpochRecord::wallSeconds).sum();
        }

        /** The finder's time as a share of the run's. */
        double share() {
            return cappedSeconds / trainSeconds();
        }

        /** Seconds per finder step over seconds per training step (issue 19's goal: ≤ 1.2). */
        double perStepRatio() {
            return (cappedSeconds / capped.points().size()) / (trainSeconds() / ((double) epochs * batches));
        }

        String markdown() {
            return String.format(Locale.ROOT, "| %s | %,d | %d × %d | %d | %.1f | %.1f%% | **%.2f** | %.3g | %.4f | %.1f "
                            + "| %.3g | %.4f |%n", path, images, epochs, batches, capped.points().size(), cappedSeconds,
                    100 * share(), perStepRatio(), capped.suggestion(), accuracy(trained), fullSeconds,
                    full.suggestion(), accuracy(fullTrained));
        }

        private static double accuracy(History history) {
            return history.last().map(EpochRecord::validMetric).orElse(Double.NaN);
        }
    }

    private LrFinderCost() {
    }

    /**
     * Measures one path.
     *
     * @param path   what the data is, for the table
     * @param recipe the recipe, with its epochs and batch size
     * @param train  a fresh training iterator per call
     * @param images training images
     * @param valid  validation batches
     */
    static Row measure(String path, ImageRecipe recipe, Supplier<DataSetIterator> train, int images,
                       DataSetIterator valid) {
        int batches = (images + recipe.batchSize() - 1) / recipe.batchSize();
        // the 100-step sweep first: it warms the JVM up for the capped sweep the ratios are about
        ImageRecipe uncapped = recipe.withLrFinder(LrFinder.defaults().withMaxShare(Double.POSITIVE_INFINITY));
        long start = System.nanoTime();
        LrFinderResult full = uncapped.findLr(train.get());
        double fullSeconds = seconds(start);
        History fullTrained = recipe.withMaxLr(full).fit(train.get(), valid).history();
        start = System.nanoTime();
        LrFinderResult capped = recipe.withLrFinder(LrFinder.defaults().withMaxShare(LrFinder.SHORT_SWEEP_SHARE))
                .findLr(train.get());
        double cappedSeconds = seconds(start);
        valid.reset();
        History trained = recipe.withMaxLr(capped).fit(train.get(), valid).history();
        Row row = new Row(path, images, recipe.epochs(), batches, capped, cappedSeconds, trained, full, fullSeconds,
                fullTrained);
        System.out.print("lrfinder " + row.markdown());
        return row;
    }

    /**
     * Writes grey images {@code [n, 1, h, w]} in [0, 1] with one-hot labels as
     * {@code root/<class>/<i>.png}, the layout {@code ImageFolders} reads.
     */
    static Path writeFolder(DataSet images, Path root) throws IOException {
        INDArray features = images.getFeatures();
        int height = (int) features.size(2);
        int width = (int) features.size(3);
        for (int i = 0; i < images.numExamples(); i++) {
            BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int grey = (int) Math.round(GREY_LEVELS * features.getDouble(i, 0, y, x));
                    png.getRaster().setSample(x, y, 0, grey);
                }
            }
            Path dir = Files.createDirectories(root.resolve("class-" + images.getLabels().getRow(i).argMax().getInt(0)));
            ImageIO.write(png, "png", dir.resolve(i + ".png").toFile());
        }
        return root;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
    }
}
