package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Arrays;

/** Checks that batches hold the images and labels a recipe was built for, before any training. */
final class ImageInput {

    private ImageInput() {
    }

    /**
     * Reads the first batch of {@code data} (then resets it) and checks its layout.
     *
     * @param name     "train" or "valid", for the message
     * @param data     the batches; must support reset
     * @param shape    what the recipe takes
     * @param nClasses label columns the recipe expects
     * @throws IllegalArgumentException naming the parameter, what was found, what was expected and the fix
     */
    static void check(String name, DataSetIterator data, ImageShape shape, int nClasses) {
        if (!data.resetSupported()) {
            throw new IllegalArgumentException(name + ": the iterator does not support reset(); training makes one "
                    + "pass per epoch; use a resettable iterator such as InMemoryIterator");
        }
        data.reset();
        if (!data.hasNext()) {
            throw new IllegalArgumentException(name + ": the iterator yields no batches; give it at least one image");
        }
        DataSet first = data.next();
        data.reset();
        check(name, first, shape, nClasses);
    }

    /** Checks one batch: features {@code [n, c, h, w]} equal to {@code shape}, labels {@code [n, nClasses]}. */
    static void check(String name, DataSet batch, ImageShape shape, int nClasses) {
        long[] features = batch.getFeatures().shape();
        String expected = "[n, " + shape.channels() + ", " + shape.height() + ", " + shape.width() + "]";
        if (features.length == 2 && features[1] == shape.size()) {
            throw new IllegalArgumentException(name + ": images are flat " + Arrays.toString(features)
                    + " but the recipe takes " + expected + " (channels, height, width); reshape them with "
                    + "features.reshape(n, " + shape.channels() + ", " + shape.height() + ", " + shape.width()
                    + ") or load them 4-D (the IDX and image-folder loaders do)");
        }
        if (features.length != 4 || features[1] != shape.channels() || features[2] != shape.height()
                || features[3] != shape.width()) {
            throw new IllegalArgumentException(name + ": images are " + Arrays.toString(features)
                    + " but the recipe was built for " + expected + " (channels, height, width); build it with "
                    + suggestion(features, nClasses) + " or resize the images "
                    + "(ImageFolders.withSize(h, w).withChannels(c)); channels-last data must be permuted to NCHW");
        }
        long[] labels = batch.getLabels().shape();
        if (labels.length != 2 || labels[1] != nClasses) {
            throw new IllegalArgumentException(name + ": labels are " + Arrays.toString(labels) + " but the recipe "
                    + "has " + nClasses + " classes, so labels must be one-hot [n, " + nClasses + "]; build the recipe "
                    + "with the data's number of classes or one-hot encode the labels");
        }
    }

    private static String suggestion(long[] features, int nClasses) {
        return features.length == 4
                ? "ImageRecipe.classifier(" + features[2] + ", " + features[3] + ", " + features[1] + ", " + nClasses + ")"
                : "ImageRecipe.classifier(height, width, channels, " + nClasses + ") for [n, channels, height, width] images";
    }

    /** Batches one epoch yields: counted from the size for in-memory data, by one pass otherwise. */
    static int batchesPerEpoch(DataSetIterator data) {
        if (data instanceof InMemoryIterator memory) {
            return (memory.numExamples() + memory.batch() - 1) / memory.batch();
        }
        data.reset();
        int batches = 0;
        while (data.hasNext()) {
            data.next();
            batches++;
        }
        data.reset();
        return batches;
    }
}
