package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.data.ImageFolderData;
import io.github.dl4jrecipes.core.data.ImageFolderSplit;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Training on a folder of class subfolders, shared by {@link ImageFolderSample} and
 * {@code dl4j-recipes train image} (a picocli mixin): the {@link ImageFolderInput} and the
 * {@link TrainingOptions}.
 */
public final class ImageFolderOptions {

    @Mixin
    public ImageFolderInput input;

    @Mixin
    public TrainingOptions training;

    /**
     * Loads the folder, trains and writes the model folder (see {@link ImageSampleRun}) plus
     * {@value ImageModelFolder#IMAGES} for {@code predict image} and {@code evaluate image}.
     */
    public void train(PrintWriter console) throws IOException {
        training.checkOutputs();
        ImageFolderData data = input.load();
        ImageFolderSplit split = input.split(data, training.seed());
        ImageRecipe recipe = training.recipe(input.size, input.size, input.channels, data.classes().size());
        DataSetIterator train = split.train().iterator(training.batchSize(), training.seed());
        DataSetIterator valid = split.valid().iterator(training.batchSize());
        new ImageModelFolder(training.out).write(input.images(data), staging -> new ImageSampleRun(console)
                .run(recipe, training, staging, train, valid, train.next().getFeatures(), data.classes()));
        UnreadableImagesOption.report(data, console);
    }
}
