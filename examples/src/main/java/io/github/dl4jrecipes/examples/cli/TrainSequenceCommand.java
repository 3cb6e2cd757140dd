package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.optim.Clipping;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.examples.sequence.ForecastSpec;
import io.github.dl4jrecipes.examples.sequence.Forecaster;
import io.github.dl4jrecipes.recipes.sequence.SequenceRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code train sequence}: forecast one column of a time-series CSV with the sequence recipe. */
@Command(name = "sequence", mixinStandardHelpOptions = true,
        description = {"Train the sequence recipe to forecast one column of a time-series CSV (rows in time order; "
            + "the first 80% of the steps train, the last 20% validate) and print its validation error beside the "
            + "seasonal naive baseline's. Writes model.zip, its card and history, and forecast.json into the output "
            + "folder. Without --csv it trains on the bundled R co2 series (Mauna Loa, monthly).",
            "Example: dl4j-recipes train sequence --csv sales.csv --column sales --time-column month --output out/sales"})
final class TrainSequenceCommand implements Callable<Integer> {

    /** The library's parameter names and this command's options, for messages. */
    private static final Map<String, String> OPTIONS = Map.of("window", "--window", "horizon", "--horizon",
            "trainFraction", "--train-fraction", "season", "--season", "threshold", "--clip-norm", "target", "--column",
            "timeColumn", "--time-column");

    @Option(names = "--csv", paramLabel = "FILE", description = "Time-series CSV, header first, rows in time order "
            + "(default: the bundled co2 series).")
    Path csv;

    @Option(names = "--column", paramLabel = "NAME", description = "The column to forecast (default: co2 for the "
            + "bundled series).")
    String column;

    @Option(names = "--time-column", paramLabel = "NAME", description = "A time-stamp column to skip (default: month "
            + "for the bundled series).")
    String timeColumn;

    @Option(names = "--window", description = "Steps each forecast sees (default: ${DEFAULT-VALUE}).")
    int window = Forecaster.CO2_SPEC.window();

    @Option(names = "--horizon", description = "Steps ahead to forecast (default: ${DEFAULT-VALUE}, the next step).")
    int horizon = Forecaster.CO2_SPEC.horizon();

    @Option(names = "--season", description = "Steps per season for the seasonal naive baseline (default: "
            + "${DEFAULT-VALUE}, monthly data).")
    int season = Forecaster.CO2_SPEC.season();

    @Option(names = "--train-fraction", paramLabel = "SHARE", description = "Share of the steps to train on, the "
            + "earliest (default: ${DEFAULT-VALUE}).")
    double trainFraction = Forecaster.DEFAULT_TRAIN_FRACTION;

    @Option(names = "--epochs", description = "Most epochs (default: ${DEFAULT-VALUE}; early stopping may end sooner).")
    int epochs = SequenceRecipe.DEFAULT_EPOCHS;

    @Option(names = "--max-lr", paramLabel = "LR", description = "Peak learning rate (default: the LR finder's pick).")
    Double maxLr;

    @Option(names = "--hidden-size", description = "LSTM units (default: ${DEFAULT-VALUE}).")
    int hiddenSize = SequenceRecipe.DEFAULT_HIDDEN_SIZE;

    @Option(names = "--clip-norm", paramLabel = "NORM", description = "Per-layer gradient norm limit (default: "
            + "${DEFAULT-VALUE}).")
    double clipNorm = Clipping.DEFAULT_NORM;

    @Option(names = "--seed", description = "Seed of the recipe (default: ${DEFAULT-VALUE}).")
    long seed = Fit.DEFAULT_SEED;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Folder to write: new, "
            + "empty, or one this command wrote (replaced as a whole).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.folder("--output", output);
        Path file = csv != null ? csv : Forecaster.bundledCo2();
        ForecastSpec forecast = options(() -> new ForecastSpec(column != null ? column : csv == null
                ? Forecaster.CO2_SPEC.column() : null, timeColumn != null ? timeColumn : csv == null
                ? Forecaster.CO2_SPEC.timeColumn() : null, window, horizon, season));
        options(() -> {
            Forecaster.train(file, forecast, trainFraction, recipe -> {
                SequenceRecipe r = recipe.withEpochs(epochs).withHiddenSize(hiddenSize).withClipNorm(clipNorm)
                        .withSeed(seed).withProgress(Progress.LOG);
                return maxLr == null ? r : r.withMaxLr(maxLr);
            }, output, spec.commandLine().getOut());
            return null;
        });
        return Dl4jRecipes.OK;
    }

    /** Runs {@code call}, naming this command's options in a bad-value message instead of the library's parameters. */
    private <T> T options(Callable<T> call) throws Exception {
        if (column == null && csv != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--column: name the column to forecast "
                    + "(--csv " + csv + " is not the bundled series); fix: add --column <name>");
        }
        try {
            return call.call();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            for (Map.Entry<String, String> option : OPTIONS.entrySet()) {
                if (message.startsWith(option.getKey() + ":") || message.startsWith(option.getKey() + " ")) {
                    throw new IllegalArgumentException(option.getValue() + message.substring(option.getKey().length()), e);
                }
            }
            throw e;
        }
    }
}
