package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.CsvTable;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.examples.sequence.Forecaster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code predict sequence}: forecasts for every window of a series, and the next one past its end. */
@Command(name = "sequence", mixinStandardHelpOptions = true,
        description = {"Forecast a time-series CSV with a model folder written by 'train sequence': one row per "
            + "window (step, actual, forecast, seasonal_naive), then the forecast past the series' end.",
            "Example: dl4j-recipes predict sequence --model out/co2 --csv co2.csv --output forecasts.csv"})
final class PredictSequenceCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "Model folder.")
    Path model;

    @Option(names = "--csv", paramLabel = "FILE", required = true, description = "The series, with the column the "
            + "model was trained on, rows in time order.")
    Path csv;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Forecasts CSV to write.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.file("--output", output, Map.of("--csv", csv));
        List<List<String>> rows = Forecaster.load(model).forecast(csv);
        CsvTable.write(output, Forecaster.header(), rows);
        spec.commandLine().getOut().println("wrote " + rows.size() + " forecasts (the last one past the series' end) "
                + "to " + output);
        spec.commandLine().getOut().flush();
        return Dl4jRecipes.OK;
    }
}
