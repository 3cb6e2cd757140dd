package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.ImageFolderData;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.examples.image.ImageFolderInput;
import io.github.dl4jrecipes.examples.image.RecipeOptions;
import io.github.dl4jrecipes.examples.image.UnreadableImagesOption;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lr-find image}: the LR range test on an image recipe's network over a folder of class subfolders. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Run the learning-rate range test on an image recipe's network with the training part of the "
            + "same stratified split as 'train image'; print the suggestions, write lr-finder.csv and .png.",
            "Example: dl4j-recipes lr-find image --dir photos --size 64 --arch small --output out/lr"})
final class LrFindImageCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ImageFolderInput input;

    @CommandLine.Mixin
    RecipeOptions recipe;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Folder for the curve.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.folder("--output", output);
        ImageFolderData data = input.load();
        ImageRecipe network = recipe.recipe(input.size, input.size, input.channels, data.classes().size());
        LrFindOutput.write(network.findLr(input.split(data, recipe.seed).train().iterator(recipe.batchSize,
                recipe.seed)), output, spec.commandLine().getOut());
        UnreadableImagesOption.report(data, spec.commandLine().getOut());
        return Dl4jRecipes.OK;
    }
}
