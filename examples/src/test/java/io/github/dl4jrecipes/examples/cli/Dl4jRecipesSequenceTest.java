package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.CsvFormat;
import io.github.dl4jrecipes.core.data.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train sequence} and {@code predict sequence} on a tiny generated monthly series. */
class Dl4jRecipesSequenceTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dl4jRecipes.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** 72 months of trend + yearly cycle + noise, columns month and y. */
    private Path monthly() throws Exception {
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        lines.add("month,y");
        for (int t = 0; t < 72; t++) {
            lines.add(String.format(Locale.ROOT, "%d-%02d,%.3f", 2000 + t / 12, t % 12 + 1,
                    10 + 0.05 * t + 2 * Math.sin(2 * Math.PI * t / 12) + 0.1 * random.nextGaussian()));
        }
        return Files.write(dir.resolve("monthly.csv"), lines);
    }

    @Test
    void trainThenPredictASeriesWithTheSeasonalBaselineBesideTheNetwork() throws Exception {
        Path csv = monthly();
        Path model = dir.resolve("model");
        Run train = run("train", "sequence", "--csv", csv.toString(), "--column", "y", "--time-column", "month",
                "--window", "12", "--epochs", "2", "--max-lr", "0.01", "--hidden-size", "4", "--output",
                model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("seasonal naive (same step last season) MAE"), train.out());
        assertTrue(train.out().contains("clipping"), "the card is printed: " + train.out());
        assertTrue(Files.isRegularFile(model.resolve("model.zip")) && Files.isRegularFile(model.resolve("forecast.json")));

        Path forecasts = dir.resolve("forecasts.csv");
        Run predict = run("predict", "sequence", "--model", model.toString(), "--csv", csv.toString(), "--output",
                forecasts.toString());
        assertEquals(0, predict.code(), predict.err());
        CsvTable table = CsvTable.read(forecasts, CsvFormat.DEFAULT);
        assertEquals(List.of("step", "actual", "forecast", "seasonal_naive"), table.header());
        // 72 - 12 windows forecasting steps 12..71, then step 72 past the end
        assertEquals(61, table.size());
        assertEquals("12", table.rows().get(0)[0]);
        String[] last = table.rows().get(60);
        assertEquals("72", last[0]);
        assertEquals("", last[1]);
        assertTrue(Double.isFinite(Double.parseDouble(last[2])));
    }

    @Test
    void badOptionsNameTheOptionTheValueAndTheFix() throws Exception {
        Path csv = monthly();
        Run horizon = run("train", "sequence", "--csv", csv.toString(), "--column", "y", "--time-column", "month",
                "--window", "12", "--horizon", "100", "--output", dir.resolve("a").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, horizon.code(), horizon.err());
        assertTrue(horizon.err().contains("--horizon: a window of 12 steps forecasting 100 step(s) ahead needs 112")
                && horizon.err().contains("at most 60"), horizon.err());
        Run split = run("train", "sequence", "--csv", csv.toString(), "--column", "y", "--time-column", "month",
                "--train-fraction", "0.995", "--output", dir.resolve("b").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, split.code(), split.err());
        assertTrue(split.err().contains("--train-fraction: 0.995") && split.err().contains("validation window empty"),
                split.err());
        Run clip = run("train", "sequence", "--csv", csv.toString(), "--column", "y", "--time-column", "month",
                "--clip-norm", "0", "--epochs", "1", "--output", dir.resolve("c").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, clip.code(), clip.err());
        assertTrue(clip.err().contains("--clip-norm must be a finite number > 0, got 0.0"), clip.err());
        Path gap = Files.writeString(dir.resolve("gap.csv"), "month,y\n2000-01,1\n2000-02,NA\n");
        Run missing = run("train", "sequence", "--csv", gap.toString(), "--column", "y", "--time-column", "month",
                "--output", dir.resolve("d").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, missing.code(), missing.err());
        assertTrue(missing.err().contains("line 3, column 'y': value 'NA' is not a finite number"), missing.err());
        Run noColumn = run("train", "sequence", "--csv", csv.toString(), "--output", dir.resolve("e").toString());
        assertEquals(Dl4jRecipes.USAGE, noColumn.code(), noColumn.err());
        assertTrue(noColumn.err().contains("--column"), noColumn.err());
    }
}
