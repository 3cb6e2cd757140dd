package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.recipes.tabular.TabularModel;
import io.github.dl4jrecipes.recipes.tabular.TabularPredictions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code predict tabular}: CSV in, the same rows with predictions out (written atomically). */
@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = {"Predict for every row of a CSV file with a model folder written by 'train tabular'. "
            + "Writes the input columns plus predicted_<target> (and probability_<class> columns).",
            "Example: dl4j-recipes predict tabular --model out/penguins --csv new.csv --output predictions.csv"})
final class PredictTabularCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "Model folder.")
    Path model;

    @Option(names = "--csv", paramLabel = "FILE", required = true, description = "Rows to predict (header row first).")
    Path csv;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Predictions CSV to write.")
    Path output;

    @CommandLine.Mixin
    CsvFormatOptions format = new CsvFormatOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.file("--output", output, Map.of("--csv", csv));
        TabularPredictions predictions = TabularModel.load(model).predict(csv, format.format());
        predictions.writeCsv(output);
        spec.commandLine().getOut().println("wrote " + predictions.size() + " predictions to " + output);
        spec.commandLine().getOut().flush();
        return Dl4jRecipes.OK;
    }
}
