package io.github.dl4jrecipes.examples;

import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.examples.sequence.Forecaster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The sequence sample: forecasts next month's atmospheric CO2 at Mauna Loa (R's {@code co2},
 * 468 months 1959–1997, bundled) with the sequence recipe (an LSTM on 24-month windows relative
 * to their last value; clipping, Adam + 1cycle, the LR finder, early stopping), trained on the
 * first 80% of the months, and prints its validation error on the last 20% beside the seasonal
 * naive baseline's ("same month last year"), then writes the model folder to {@code out/co2} (or
 * the folder given as the first argument).
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl examples -am package -DskipTests exec:java
 * -Dexec.mainClass=io.github.dl4jrecipes.examples.Co2Forecast}
 */
public final class Co2Forecast {

    /** Where the results go unless the first argument names another folder. */
    static final Path DEFAULT_OUTPUT = Path.of("out", "co2");

    private Co2Forecast() {
    }

    /** @param args optional: the output folder */
    public static void main(String[] args) throws IOException {
        Path output = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        Forecaster.train(Forecaster.bundledCo2(), Forecaster.CO2_SPEC, Forecaster.DEFAULT_TRAIN_FRACTION,
                recipe -> recipe.withProgress(Progress.LOG), output, new PrintWriter(System.out, true));
    }
}
