package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Tuning an {@link ImageRecipe}: the objective that trains each candidate recipe an epoch at a
 * time on augmented batches (validation accuracy, checkpoints with the updater state, so
 * ASHA/Hyperband promotions and resumed trials continue), and the best trial back as a recipe.
 *
 * <pre>{@code
 * ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, 10).withEpochs(9);   // 9 = the tuner's max epochs
 * TuningResult<ImageRecipe> result = Tuner.asha(SearchSpaces.image(recipe, train), 1, 9, 3).maxTrials(20)
 *         .study(Path.of("study")).run(ImageTuning.objective(train, valid));
 * ImageRecipe best = ImageTuning.best(result);                                   // a plain recipe
 * TrainedModel<ComputationGraph> model = best.fit(train, valid);
 * }</pre>
 */
public final class ImageTuning {

    private ImageTuning() {
    }

    /**
     * An objective to maximise: the candidate recipe's validation accuracy after each epoch. Each
     * trial trains its own network of {@code candidate.build(batches per epoch)} (the 1cycle
     * schedule spans the recipe's epochs, at the candidate's peak LR, or
     * {@link ImageRecipe#FALLBACK_MAX_LR} when the space leaves the LR out and the recipe sets none)
     * on {@code train} in the recipe's batch size, shuffled with the recipe's seed and augmented
     * with its policy on a background thread, as {@link ImageRecipe#fit} trains.
     *
     * @param train the training images {@code [n, channels, height, width]} with one-hot labels
     * @param valid the validation images
     * @return the objective
     * @throws IllegalArgumentException at a trial's start when the images or labels do not fit the
     *                                  recipe, or the recipe fine-tunes a pretrained network
     */
    public static Objective<ImageRecipe> objective(DataSet train, DataSet valid) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        int rows = train.numExamples();
        return (candidate, context) -> {
            if (candidate.architecture().startsWith("transfer:")) {
                throw new IllegalArgumentException("recipe: ImageTuning.objective trains every layer from the first "
                        + "epoch, but the recipe fine-tunes " + candidate.architecture() + " (frozen body first); "
                        + "fix: tune small() or resnet(), or fit() the transfer recipe with a few peak LRs yourself");
            }
            checkFits("train", train, candidate);
            checkFits("valid", valid, candidate);
            int batch = Math.min(rows, candidate.batchSize());
            ComputationGraph net = candidate.build((rows + batch - 1) / batch);
            DataSetIterator shuffled = InMemoryIterator.shuffled(train, batch, candidate.seed());
            DataSetIterator augmented = candidate.augment().isNone() ? shuffled
                    : candidate.augment().iterator(shuffled, candidate.shape(), candidate.seed());
            return NetworkObjective.session(net, augmented, InMemoryIterator.sequential(valid, batch),
                    NetworkObjective.validationAccuracy());
        };
    }

    /**
     * @param result a finished study over an {@link ImageSpace}
     * @return the best trial's recipe
     * @throws NoSuchElementException when no trial finished
     */
    public static ImageRecipe best(TuningResult<ImageRecipe> result) {
        Objects.requireNonNull(result, "result");
        return result.requireBestCandidate();
    }

    private static void checkFits(String part, DataSet data, ImageRecipe recipe) {
        long[] shape = data.getFeatures().shape();
        long[] wanted = {recipe.shape().channels(), recipe.shape().height(), recipe.shape().width()};
        if (shape.length != 4 || !Arrays.equals(Arrays.copyOfRange(shape, 1, 4), wanted)) {
            throw new IllegalArgumentException(part + ": images of shape " + Arrays.toString(shape) + ", but the "
                    + "recipe takes [n, " + wanted[0] + ", " + wanted[1] + ", " + wanted[2] + "] (channels, height, "
                    + "width); fix: build the recipe with ImageRecipe.classifier(height, width, channels, classes) "
                    + "of the data, or reshape the images to NCHW");
        }
        long labels = data.getLabels().size(1);
        if (labels != recipe.task().nOut()) {
            throw new IllegalArgumentException(part + ": " + labels + " label columns, but the recipe has "
                    + recipe.task().nOut() + " classes; fix: one-hot labels with one column per class of the recipe");
        }
    }
}
