package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.lr.LrFinderResult;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.examples.tabular.TabularTraining;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lr-find tabular}: the LR range test on the default tabular recipe's network. */
@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = {"Run the learning-rate range test on the tabular recipe's network with the training rows of "
            + "the same 60/20/20 split as 'train tabular'; print the suggestions, write lr-finder.csv and .png.",
            "Example: dl4j-recipes lr-find tabular --csv houses.csv --target price --output out/lr"})
final class LrFindTabularCommand implements Callable<Integer> {

    @CommandLine.Mixin
    TabularDataOptions data = new TabularDataOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Folder for the curve.")
    Path output;

    @Option(names = "--embeddings", description = "Entity embeddings for categorical columns instead of one-hot.")
    boolean embeddings;

    @Option(names = "--seed", description = "Seed of the split and the recipe (default: ${DEFAULT-VALUE}).")
    long seed = Fit.DEFAULT_SEED;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.folder("--output", output);
        TabularData table = data.load();
        TabularSplit split = table.split(TabularTraining.DEFAULT_TRAIN, TabularTraining.DEFAULT_VALID, seed);
        TabularRecipe recipe = (table.schema().targetKind().isClassification()
                ? TabularRecipe.classifier(table.schema()) : TabularRecipe.regressor(table.schema())).withSeed(seed);
        LrFinderResult result = (embeddings ? recipe.withEntityEmbeddings() : recipe).findLr(split.train());
        LrFindOutput.write(result, output, spec.commandLine().getOut());
        return Dl4jRecipes.OK;
    }
}
