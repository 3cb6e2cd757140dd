package io.github.dl4jrecipes.examples.sequence;

import io.github.dl4jrecipes.core.data.TimeSeries;
import io.github.dl4jrecipes.core.data.TimeSplit;
import io.github.dl4jrecipes.core.data.Windows;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.AtomicFolder;
import io.github.dl4jrecipes.core.train.internal.Json;
import io.github.dl4jrecipes.recipes.sequence.SequenceRecipe;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Forecasting one column of a time-series CSV with {@link SequenceRecipe}: windows relative to
 * their last value, split by time, the network's validation error printed beside the seasonal
 * naive baseline's, and a model folder ({@value #MODEL}, {@value #SPEC}, the history) that
 * {@link #load} reads back to forecast other files. The bundled sample is R's {@code co2}
 * (Mauna Loa CO2, monthly ppm, 1959–1997), exported by {@code examples/data/export-co2.R}.
 *
 * @param spec  the column, window, horizon and season
 * @param model the trained network (null before training)
 */
public record Forecaster(ForecastSpec spec, TrainedModel<MultiLayerNetwork> model) {

    /** The model file in a saved folder. */
    public static final String MODEL = "model.zip";
    /** How the forecaster reads its series, in a saved folder. */
    public static final String SPEC = "forecast.json";
    /** Stem of the history files in a saved folder. */
    public static final String HISTORY = "history";
    /** The bundled series' file name (a resource next to this class). */
    public static final String CO2 = "co2.csv";
    /** The bundled series: R's co2, columns month and co2; 24-month windows, the next month, a 12-month season. */
    public static final ForecastSpec CO2_SPEC = new ForecastSpec("co2", "month", 24, 1, 12);
    /** Share of each series' steps to train on: the first 80%; the last 20% validate. */
    public static final double DEFAULT_TRAIN_FRACTION = 0.8;

    /** Validates presence. */
    public Forecaster {
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * What a training run measured and where it wrote.
     *
     * @param network       the network's errors on the validation windows, in the series' units
     * @param seasonalNaive the seasonal naive baseline's errors on the same windows
     * @param windows       the number of validation windows
     * @param output        the model folder
     */
    public record Result(ForecastErrors network, ForecastErrors seasonalNaive, int windows, Path output) {
        @Override
        public String toString() {
            boolean beats = network.rmse() < seasonalNaive.rmse();
            return String.format(Locale.ROOT, "validation (%d windows): network %s; seasonal naive (same step last "
                    + "season) %s: the network %s the baseline%nmodel written to %s", windows, network, seasonalNaive,
                    beats ? "beats" : "does NOT beat", output);
        }
    }

    /** The bundled co2 CSV, copied to a temporary folder (deleted on exit) so that it can be read as a file. */
    public static Path bundledCo2() {
        try (InputStream in = Forecaster.class.getResourceAsStream(CO2)) {
            if (in == null) {
                throw new IllegalStateException("resource " + CO2 + " is missing from the jar");
            }
            Path dir = Files.createTempDirectory("dl4j-recipes-co2");
            Path file = dir.resolve(CO2);
            AtomicFiles.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one series {@code spec} names, read from {@code csv}. */
    static TimeSeries series(Path csv, ForecastSpec spec) {
        TimeSeries.Builder reader = TimeSeries.fromCsv(csv);
        if (spec.timeColumn() != null) {
            reader = reader.timeColumn(spec.timeColumn());
        }
        TimeSeries all = reader.build();
        double[] values = all.sequences().get(0)[all.featureIndex(spec.column())];
        return TimeSeries.of(spec.column(), values);
    }

    /**
     * Trains on {@code csv}, prints the card and the errors, and writes the model folder.
     *
     * @param customize changes to the default recipe ({@code SequenceRecipe.regressor(1)}), or identity
     */
    public static Result train(Path csv, ForecastSpec spec, double trainFraction,
            UnaryOperator<SequenceRecipe> customize, Path output, PrintWriter out) throws IOException {
        AtomicFolder.checkReplaceable(output);
        TimeSeries series = series(csv, spec);
        TimeSplit split = series.windows(spec.window(), spec.horizon()).withRelativeToLast().splitByTime(trainFraction);
        SeasonalNaive naive = new SeasonalNaive(spec.season(), spec.horizon());
        SequenceRecipe recipe = customize.apply(SequenceRecipe.regressor(1));
        out.println(recipe.card());
        out.flush();
        TrainedModel<MultiLayerNetwork> model = recipe.fit(split.train().data(), split.valid().data());
        Windows valid = split.valid();
        double[] actual = valid.actual();
        ForecastErrors network = ForecastErrors.of(valid.restore(model.predict(valid.data().getFeatures())), actual);
        ForecastErrors baseline = ForecastErrors.of(naive.forecast(series.sequences().get(0)[0], valid.targetTime()),
                actual);
        new Forecaster(spec, model).save(output);
        Result result = new Result(network, baseline, valid.size(), output);
        out.println(result);
        out.flush();
        return result;
    }

    /** Writes the model folder as one unit ({@link AtomicFolder}). */
    public void save(Path dir) throws IOException {
        Objects.requireNonNull(model, "model");
        AtomicFolder.write(dir, staging -> {
            model.save(staging.resolve(MODEL));
            model.history().writeAll(staging, HISTORY);
            AtomicFiles.writeString(staging.resolve(SPEC), Json.MAPPER.writeValueAsString(spec));
        });
    }

    /**
     * Reads a folder written by {@link #save}, checking its files against the manifest.
     *
     * @throws IllegalArgumentException naming the missing or damaged file
     */
    public static Forecaster load(Path dir) throws IOException {
        try {
            AtomicFolder.read(dir);
        } catch (NoSuchFileException e) {
            // reported below as the missing file
        }
        for (String file : List.of(MODEL, SPEC)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new IllegalArgumentException("model folder " + dir + " has no " + file + "; fix: pass a folder "
                        + "written by 'dl4j-recipes train sequence --output <folder>'");
            }
        }
        ForecastSpec spec;
        try {
            spec = Json.MAPPER.readValue(dir.resolve(SPEC).toFile(), ForecastSpec.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("file " + dir.resolve(SPEC) + " is not a forecast spec (" + e.getMessage()
                    + "); fix: train the model again", e);
        }
        return new Forecaster(spec, TrainedModel.loadMultiLayer(dir.resolve(MODEL)));
    }

    /**
     * Forecasts for {@code csv}: one row per window (the step forecast, the actual value, the
     * network's forecast and the seasonal naive one), then the forecast {@code horizon} steps
     * past the end of the series (no actual value yet).
     */
    public List<List<String>> forecast(Path csv) {
        Objects.requireNonNull(model, "model");
        TimeSeries series = series(csv, spec);
        double[] values = series.sequences().get(0)[0];
        Windows all = series.windows(spec.window(), spec.horizon()).withRelativeToLast().all();
        double[] forecast = all.restore(model.predict(all.data().getFeatures()));
        SeasonalNaive naive = new SeasonalNaive(spec.season(), spec.horizon());
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int step = all.targetTime()[i];
            rows.add(List.of(String.valueOf(step), number(values[step]), number(forecast[i]),
                    step >= naive.lag() ? number(values[step - naive.lag()]) : ""));
        }
        int end = values.length;
        INDArray last = Nd4j.create(DataType.FLOAT, 1, 1, spec.window());
        for (int t = 0; t < spec.window(); t++) {
            last.putScalar(new long[]{0, 0, t}, values[end - spec.window() + t] - values[end - 1]);
        }
        int future = end + spec.horizon() - 1;
        double next = model.predict(last).getDouble(0) + values[end - 1];
        rows.add(List.of(String.valueOf(future), "", number(next), number(values[future - naive.lag()])));
        return rows;
    }

    /** The header of {@link #forecast}'s rows. */
    public static List<String> header() {
        return List.of("step", "actual", "forecast", "seasonal_naive");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
