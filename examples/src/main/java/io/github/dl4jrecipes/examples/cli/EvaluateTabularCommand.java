package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.TargetKind;
import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.examples.tabular.CsvRows;
import io.github.dl4jrecipes.examples.tabular.ModelFolder;
import io.github.dl4jrecipes.examples.tabular.TabularPredictor;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code evaluate tabular}: the task's metric of a saved model on a labelled CSV file. */
@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = {"Score a model folder written by 'train tabular' on a labelled CSV file (it has the target "
            + "column): accuracy for classes, RMSE and R² for numbers.",
            "Example: dl4j-recipes evaluate tabular --model out/penguins --csv labelled.csv"})
final class EvaluateTabularCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "Model folder.")
    Path model;

    @Option(names = "--csv", paramLabel = "FILE", required = true, description = "Labelled rows (header row first).")
    Path csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelFolder.Loaded loaded = new ModelFolder(model).load();
        TabularPredictor predictor = new TabularPredictor(loaded.model(), loaded.transform());
        CsvRows rows = CsvRows.read(csv);
        PrintWriter err = spec.commandLine().getErr();
        INDArray labels = predictor.labels(rows);
        INDArray outputs = predictor.predict(rows, line -> err.println("warning: " + line));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        boolean regression = loaded.transform().targetKind() == TargetKind.REGRESSION;
        for (Metric metric : regression ? new Metric[] {Metric.RMSE, Metric.R2} : new Metric[] {Metric.ACCURACY}) {
            out.printf(Locale.ROOT, "%s %.4f on %d rows%n", metric.name().toLowerCase(Locale.ROOT),
                    metric.compute(labels, outputs), rows.rows().size());
        }
        out.flush();
        return Dl4jRecipes.OK;
    }
}
