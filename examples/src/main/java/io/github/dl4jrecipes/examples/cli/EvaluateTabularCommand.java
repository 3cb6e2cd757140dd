package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.recipes.tabular.TabularModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code evaluate tabular}: the task's metric of a saved model on a labelled CSV file. */
@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = {"Score a model folder written by 'train tabular' on a labelled CSV file (it has the target "
            + "column): accuracy, F1 (and MCC for two classes) for classes, RMSE and R² for numbers.",
            "Example: dl4j-recipes evaluate tabular --model out/penguins --csv labelled.csv"})
final class EvaluateTabularCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "Model folder.")
    Path model;

    @Option(names = "--csv", paramLabel = "FILE", required = true, description = "Labelled rows (header row first).")
    Path csv;

    @CommandLine.Mixin
    CsvFormatOptions format = new CsvFormatOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().print(TabularModel.load(model).evaluate(csv, format.format()));
        spec.commandLine().getOut().flush();
        return Dl4jRecipes.OK;
    }
}
