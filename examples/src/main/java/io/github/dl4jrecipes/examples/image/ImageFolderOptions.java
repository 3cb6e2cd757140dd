package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.data.ImageFolderData;
import io.github.dl4jrecipes.core.data.ImageFolderSplit;
import io.github.dl4jrecipes.core.data.ImageFolders;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Training on a folder of class subfolders, shared by {@link ImageFolderSample} and
 * {@code dl4j-recipes train image} (a picocli mixin): the folder, the image size and channels,
 * the validation fraction and the {@link TrainingOptions}.
 */
public final class ImageFolderOptions {

    @Mixin
    public TrainingOptions training;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "folder with one subfolder of images per class")
    public Path dir;

    @Option(names = "--size", defaultValue = "64", description = "resize images to SIZE×SIZE (default: ${DEFAULT-VALUE})")
    public int size;

    @Option(names = "--channels", defaultValue = "3", description = "1 (grey) or 3 (colour) (default: ${DEFAULT-VALUE})")
    public int channels;

    @Option(names = "--valid-fraction", defaultValue = "0.2",
            description = "fraction held out to validate and test, the usual 80/20 split (default: ${DEFAULT-VALUE})")
    public double validFraction;

    /**
     * Loads the folder, trains and writes the model folder (see {@link ImageSampleRun}) plus
     * {@value ImageModelFolder#IMAGES} for {@code predict image}.
     */
    public void train(PrintWriter console) throws IOException {
        ImageFolderData data = ImageFolders.from(dir).withSize(size, size).withChannels(channels).load();
        ImageFolderSplit split = data.split(1 - validFraction, training.seed);
        ImageRecipe recipe = training.recipe(size, size, channels, data.classes().size());
        DataSetIterator train = split.train().iterator(training.batchSize, training.seed);
        DataSetIterator valid = split.valid().iterator(training.batchSize);
        new ImageSampleRun(console).run(recipe, training.maxLr, train, valid, train.next().getFeatures(),
                data.classes(), training.out);
        new ImageModelFolder(training.out).writeImages(new ImageModelFolder.Images(size, size, channels,
                ImageFolders.DEFAULT_MIN_PIXEL, ImageFolders.DEFAULT_MAX_PIXEL, data.classes()));
    }
}
