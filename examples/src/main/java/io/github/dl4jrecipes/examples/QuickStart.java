package io.github.dl4jrecipes.examples;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.examples.tabular.TabularTraining;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The quick start: prints the hardware report, then trains the default tabular recipe on the
 * bundled Palmer penguins data (species from island, sex, year and four measurements, missing
 * values included), prints the recipe card and the test accuracy, and writes the model, its card,
 * the history and curves and the fitted transform into {@code out/penguins} (or the folder given
 * as the first argument).
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl examples -am package -DskipTests exec:java}
 */
public final class QuickStart {

    /** Where the results go unless the first argument names another folder. */
    static final Path DEFAULT_OUTPUT = Path.of("out", "penguins");

    private QuickStart() {
    }

    /** @param args optional: the output folder */
    public static void main(String[] args) throws IOException {
        System.out.println(Hardware.report());
        Path output = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        TabularTraining.defaults().run(TabularData.penguins(), UnaryOperator.identity(), output,
                new PrintWriter(System.out, true));
    }
}
