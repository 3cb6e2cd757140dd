package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.examples.image.ImageFolderOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code train image}: an image recipe on a folder of class subfolders. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Train an image recipe on a folder of class subfolders (<dir>/<class>/*.png|jpg) with a "
            + "stratified hold-out, and write model.zip (+ card, history), images.json, curves, the confusion matrix "
            + "and the augmented-sample grid into the output folder.",
            "Example: dl4j-recipes train image --dir photos --size 64 --epochs 10 --output out/photos"})
final class TrainImageCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ImageFolderOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        options.train(spec.commandLine().getOut());
        return Dl4jRecipes.OK;
    }
}
