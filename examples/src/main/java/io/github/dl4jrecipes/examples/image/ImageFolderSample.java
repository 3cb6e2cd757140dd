package io.github.dl4jrecipes.examples.image;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Trains an image recipe on any folder of class subfolders ({@code <dir>/<class>/*.png|jpg|...}):
 * resizes every image, holds out a stratified validation part, and writes the same outputs as
 * {@link FashionMnistSample} (the validation part serving as the test data) plus
 * {@value ImageModelFolder#IMAGES}, so {@code dl4j-recipes predict image} can use the folder.
 *
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests exec:java \
 *   -Dexec.mainClass=io.github.dl4jrecipes.examples.image.ImageFolderSample \
 *   -Dexec.args="--dir photos --size 64 --epochs 5 --output target/photos"
 * </pre>
 */
@Command(name = "image-folder", mixinStandardHelpOptions = true,
        description = "Trains an image recipe on a folder of class subfolders.")
public final class ImageFolderSample implements Callable<Integer> {

    @Mixin
    ImageFolderOptions options;

    @Override
    public Integer call() throws Exception {
        options.train(new PrintWriter(System.out, true));
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
