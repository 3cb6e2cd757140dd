package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.data.ImageFolderData;
import io.github.dl4jrecipes.core.data.ImageFolderSplit;
import io.github.dl4jrecipes.core.data.ImageFolders;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Trains an image recipe on any folder of class subfolders ({@code <dir>/<class>/*.png|jpg|...}):
 * resizes every image, holds out a stratified validation part, and writes the same outputs as
 * {@link FashionMnistSample}, with the validation part as the test data.
 *
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests exec:java \
 *   -Dexec.mainClass=io.github.dl4jrecipes.examples.image.ImageFolderSample \
 *   -Dexec.args="--dir photos --size 64 --epochs 5 --out target/photos"
 * </pre>
 */
@Command(name = "image-folder", mixinStandardHelpOptions = true,
        description = "Trains an image recipe on a folder of class subfolders.")
public final class ImageFolderSample implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Option(names = "--dir", required = true, description = "folder with one subfolder of images per class")
    Path dir;

    @Option(names = "--size", defaultValue = "64", description = "resize images to size×size (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channels", defaultValue = "3", description = "1 (grey) or 3 (colour) (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--valid-fraction", defaultValue = "0.2",
            description = "fraction held out to validate and test, the usual 80/20 split (default: ${DEFAULT-VALUE})")
    double validFraction;

    @Override
    public Integer call() throws Exception {
        ImageFolderData data = ImageFolders.from(dir).withSize(size, size).withChannels(channels).load();
        ImageFolderSplit split = data.split(1 - validFraction, options.seed);
        ImageRecipe recipe = options.recipe(size, size, channels, data.classes().size());
        DataSetIterator train = split.train().iterator(options.batchSize, options.seed);
        DataSetIterator valid = split.valid().iterator(options.batchSize);
        new ImageSampleRun(System.out).run(recipe, options.maxLr, train, valid, train.next().getFeatures(),
                data.classes(), options.out);
        return 0;
    }

    /** Runs the sample; exits with a non-zero code on failure. */
    public static void main(String[] args) {
        int code = new CommandLine(new ImageFolderSample()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
