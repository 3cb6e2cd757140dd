package io.github.dl4jrecipes.examples;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.examples.tabular.TabularTraining;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The tabular sample on any CSV file: {@code <csv> <target column> [output folder]}. Classes or
 * numbers are inferred from the target; the default tabular recipe trains on 60% of the rows,
 * validates on 20% and reports the task's metric on the last 20%; the model, its card, the
 * history and curves and the fitted transform go into the output folder ({@code out/<file name>}
 * by default).
 *
 * <p>Run from the repository root:
 * {@code mvn -B -q -pl examples -am package -DskipTests exec:java
 * -Dexec.mainClass=io.github.dl4jrecipes.examples.TabularCsv -Dexec.args="houses.csv price"}
 */
public final class TabularCsv {

    /** Folder of the results when none is given: {@code out/<csv name without extension>}. */
    static final String OUTPUT_ROOT = "out";

    private TabularCsv() {
    }

    /** @param args the CSV file, the target column, optionally the output folder */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: TabularCsv <csv file> <target column> [output folder]");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        String stem = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path output = args.length == 3 ? Path.of(args[2]) : Path.of(OUTPUT_ROOT, stem);
        System.out.println(Hardware.report());
        TabularData data = TabularData.fromCsv(csv).target(args[1]).dropRowsWithoutTarget().build();
        TabularTraining.defaults().run(data, UnaryOperator.identity(), output, new PrintWriter(System.out, true));
    }
}
