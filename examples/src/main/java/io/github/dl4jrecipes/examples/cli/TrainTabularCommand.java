package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.TabularSchema;
import io.github.dl4jrecipes.core.train.Checkpoints;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.examples.tabular.TabularTraining;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train tabular}: the default tabular recipe on a CSV file, with optional overrides. */
@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = {"Train the tabular recipe on a CSV table (60/20/20 split) and write model.zip, its card, "
            + "history and curves, transform.json and recipe.json into the output folder.",
            "Example: dl4j-recipes train tabular --csv houses.csv --target price --output out/houses"})
final class TrainTabularCommand implements Callable<Integer> {

    @CommandLine.Mixin
    TabularDataOptions data = new TabularDataOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Folder to write: new, "
            + "empty, or one this command wrote (replaced as a whole; a folder holding other files is refused before "
            + "training).")
    Path output;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Save a checkpoint after every epoch into DIR; "
            + "the same command run again resumes from the latest one (the same settings are required).")
    Path checkpoints;

    @Option(names = "--epochs", description = "Epochs (default: the recipe's rule).")
    Integer epochs;

    @Option(names = "--max-lr", paramLabel = "LR", description = "Peak learning rate (default: the LR finder's pick).")
    Double maxLr;

    @Option(names = "--batch-size", description = "Batch size (default: full batch below 2,000 rows, else 64).")
    Integer batchSize;

    @Option(names = "--hidden-layers", split = ",", paramLabel = "WIDTH",
            description = "Hidden layer widths, e.g. 200,100 (default: sized by the data).")
    List<Integer> hiddenLayers;

    @Option(names = "--embeddings", description = "Entity embeddings for categorical columns instead of one-hot.")
    boolean embeddings;

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation: relu (default), elu, "
            + "leakyrelu, tanh (batch-norm blocks, init derived from it) or selu (self-normalizing: LeCun init, "
            + "AlphaDropout, no batch norm).")
    String activation;

    @Option(names = "--classifier", description = "Train a classifier even when the target holds numbers: integer "
            + "codes (0, 1, 2, ...) become the classes (default: classes or numbers as the target reads).")
    boolean classifier;

    @Option(names = "--seed", description = "Seed of the split and the recipe (default: ${DEFAULT-VALUE}).")
    long seed = Fit.DEFAULT_SEED;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.folder("--output", output);
        if (checkpoints != null) {
            OutputPaths.folder("--checkpoints", checkpoints);
            OutputPaths.apart("--checkpoints", checkpoints, "--output", output);
        }
        new TabularTraining(TabularTraining.DEFAULT_TRAIN, TabularTraining.DEFAULT_VALID, seed)
                .run(data.load(), this::customize, output, spec.commandLine().getOut());
        return Dl4jRecipes.OK;
    }

    private TabularRecipe customize(TabularRecipe recipe) {
        if (classifier && !recipe.task().kind().isClassification() && recipe.schema().integerCodes().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--classifier: target '"
                    + recipe.schema().target() + "' holds numbers that are not integer class codes (at most "
                    + TabularSchema.MAX_INTEGER_CODES + " distinct integers, each in at least "
                    + TabularSchema.MIN_ROWS_PER_CODE + " rows); fix: drop --classifier to predict the number, or read "
                    + "the target as categories with --categorical " + recipe.schema().target());
        }
        TabularRecipe r = (classifier && !recipe.task().kind().isClassification()
                ? TabularRecipe.classifier(recipe.schema()) : recipe).withProgress(Progress.LOG);
        if (epochs != null) {
            r = r.withEpochs(epochs);
        }
        if (checkpoints != null) {
            r = r.withCheckpoints(Checkpoints.in(checkpoints));
        }
        if (maxLr != null) {
            r = r.withMaxLr(maxLr);
        }
        if (batchSize != null) {
            r = r.withBatchSize(batchSize);
        }
        if (hiddenLayers != null) {
            r = r.withHiddenLayers(hiddenLayers.stream().mapToInt(Integer::intValue).toArray());
        }
        if (embeddings) {
            r = r.withEntityEmbeddings();
        }
        return activation == null ? r : r.withActivation(activation(activation));
    }

    /** The ladder activation named (case-insensitive), or a usage error listing the names. */
    private Activation activation(String name) {
        return TabularRecipe.ACTIVATIONS.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "--activation must be one of "
                        + TabularRecipe.ACTIVATIONS.stream().map(a -> a.name().toLowerCase(Locale.ROOT)).toList()
                        + ", got '" + name + "'"));
    }
}
