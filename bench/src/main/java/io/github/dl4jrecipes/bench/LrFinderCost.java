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
 * a sweep capped at {@link LrFinder#SHORT_SWEEP_SHARE} of the run picks as well as fastai's
 * 100 steps: per seed, fastai's 100-step sweep, the capped sweep as the recipe runs it (its loss
 * average and end margin scaled to its length), and the capped sweep as it was before that scaling
 * ({@code withIterations(steps)}: β 0.98 and the last 5 steps dropped, whatever the length), each
 * timed and each pick trained for the same run.
 */
final class LrFinderCost {

    private static final double NANOS_PER_SECOND = 1e9;
    /** Grey levels of a PNG pixel. */
    private static final int GREY_LEVELS = 255;

    /** The markdown table's header, matching {@link Row#markdown()}. */
    static final String HEADER = "| path | seed | train images | run (epochs × batches) | finder steps | finder s "
            + "| finder / run | finder step / train step | pick (capped) | valid acc. | pick (100 steps) | valid acc. "
            + "| pick (capped, unscaled) | valid acc. |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    /** One sweep and the run trained with its pick. */
    record Arm(LrFinderResult finder, double seconds, History trained) {
        double accuracy() {
            return trained.last().map(EpochRecord::validMetric).orElse(Double.NaN);
        }
    }

    /**
     * One path and seed.
     *
     * @param path     what the data is
     * @param seed     the recipe's and the shuffle's seed
     * @param images   training images
     * @param epochs   planned epochs
     * @param batches  batches per epoch
     * @param capped   the sweep as the recipe runs it
     * @param full     fastai's 100 steps (no cap)
     * @param unscaled the capped sweep without the scaling of its average and end margin
     */
    record Row(String path, long seed, int images, int epochs, int batches, Arm capped, Arm full, Arm unscaled) {

        /** Seconds of the run's training passes (validation left out, as the finder has none). */
        double trainSeconds() {
            return capped.trained().epochs().stream().mapToDouble(EpochRecord::wallSeconds).sum();
        }

        /** The capped finder's time as a share of the run's. */
        double share() {
            return capped.seconds() / trainSeconds();
        }

        /** Seconds per finder step over seconds per training step (issue 19's goal: ≤ 1.2). */
        double perStepRatio() {
            return (capped.seconds() / capped.finder().points().size())
                    / (trainSeconds() / ((double) epochs * batches));
        }

        String markdown() {
            return String.format(Locale.ROOT, "| %s | %d | %,d | %d × %d | %d | %.1f | %.1f%% | **%.2f** | %.3g | %.4f "
                            + "| %.3g | %.4f | %.3g | %.4f |%n", path, seed, images, epochs, batches,
                    capped.finder().points().size(), capped.seconds(), 100 * share(), perStepRatio(),
                    capped.finder().suggestion(), capped.accuracy(), full.finder().suggestion(), full.accuracy(),
                    unscaled.finder().suggestion(), unscaled.accuracy());
        }
    }

    private LrFinderCost() {
    }

    /**
     * Measures one path for one seed.
     *
     * @param path   what the data is, for the table
     * @param recipe the recipe, with its epochs, batch size and seed
     * @param train  a fresh training iterator per call
     * @param images training images
     * @param valid  validation batches
     */
    static Row measure(String path, ImageRecipe recipe, Supplier<DataSetIterator> train, int images,
                       DataSetIterator valid) {
        int batches = (images + recipe.batchSize() - 1) / recipe.batchSize();
        LrFinder capped = LrFinder.defaults().withMaxShare(LrFinder.SHORT_SWEEP_SHARE);
        int cappedSteps = capped.withTrainingRun(recipe.epochs(), batches).steps();
        // the 100-step sweep first: it warms the JVM up for the capped sweep the ratios are about
        Arm full = arm(recipe, LrFinder.defaults().withMaxShare(Double.POSITIVE_INFINITY), train, valid);
        Arm scaled = arm(recipe, capped, train, valid);
        Arm unscaled = arm(recipe, capped.withIterations(cappedSteps), train, valid);
        Row row = new Row(path, recipe.seed(), images, recipe.epochs(), batches, scaled, full, unscaled);
        System.out.print("lrfinder " + row.markdown());
        return row;
    }

    private static Arm arm(ImageRecipe recipe, LrFinder finder, Supplier<DataSetIterator> train,
                           DataSetIterator valid) {
        long start = System.nanoTime();
        LrFinderResult result = recipe.withLrFinder(finder).findLr(train.get());
        double seconds = seconds(start);
        valid.reset();
        History trained = recipe.withMaxLr(result).fit(train.get(), valid).history();
        return new Arm(result, seconds, trained);
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
