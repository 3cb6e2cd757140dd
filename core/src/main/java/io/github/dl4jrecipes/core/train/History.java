package io.github.dl4jrecipes.core.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.dl4jrecipes.core.plot.Curve;
import io.github.dl4jrecipes.core.plot.Panel;
import io.github.dl4jrecipes.core.plot.Plots;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The record of a training run, one {@link EpochRecord} per epoch, with the name and direction
 * of the metric it tracks. Immutable: {@link #withEpoch(EpochRecord)} returns a longer copy.
 * Exports to JSON and CSV (both read back) and plots to PNG.
 *
 * @param metric         the name of the task's metric ("accuracy", "mse" ...)
 * @param higherIsBetter whether a larger metric is better
 * @param epochs         the epochs in order, numbered 1, 2, 3 ...
 */
public record History(String metric, boolean higherIsBetter, List<EpochRecord> epochs) {

    /** The CSV columns, in order. */
    static final List<String> CSV_COLUMNS = List.of("epoch", "train_loss", "train_metric",
            "valid_loss", "valid_metric", "learning_rate", "wall_seconds", "samples_per_second");
    private static final String CSV_COMMENT = "# dl4j-recipes history: metric=%s, higherIsBetter=%s";
    private static final String CSV_COMMENT_PREFIX = "# dl4j-recipes history: metric=";

    /** Validates that the epochs are numbered 1, 2, 3 ... */
    public History {
        Objects.requireNonNull(metric, "metric");
        if (metric.isBlank() || metric.contains(",")) {
            throw new IllegalArgumentException("metric must be a non-blank name without commas, got '"
                    + metric + "'.");
        }
        epochs = List.copyOf(epochs);
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).epoch() != i + 1) {
                throw new IllegalArgumentException("epochs must be numbered 1, 2, 3 ...: entry " + i
                        + " is epoch " + epochs.get(i).epoch() + ", expected " + (i + 1) + ".");
            }
        }
    }

    /** An empty history for a metric. */
    public static History empty(String metric, boolean higherIsBetter) {
        return new History(metric, higherIsBetter, List.of());
    }

    /** This history with one more epoch at the end. */
    public History withEpoch(EpochRecord epoch) {
        List<EpochRecord> longer = new ArrayList<>(epochs);
        longer.add(epoch);
        return new History(metric, higherIsBetter, longer);
    }

    /** The number of epochs recorded. */
    public int size() {
        return epochs.size();
    }

    /** The last epoch, if any. */
    public Optional<EpochRecord> last() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
    }

    /** Whether any epoch has a validation metric. */
    public boolean hasValidation() {
        return epochs.stream().anyMatch(e -> !Double.isNaN(e.validMetric()));
    }

    /**
     * The best epoch by the validation metric, or by the training metric when there is no
     * validation; the earliest one on ties. Empty when no epoch has a finite metric.
     */
    public Optional<EpochRecord> best() {
        ToDoubleFunction<EpochRecord> score = hasValidation()
                ? EpochRecord::validMetric : EpochRecord::trainMetric;
        Comparator<EpochRecord> better = Comparator.comparingDouble(score);
        if (higherIsBetter) {
            better = better.reversed();
        }
        return epochs.stream().filter(e -> Double.isFinite(score.applyAsDouble(e)))
                .sorted(better.thenComparingInt(EpochRecord::epoch)).findFirst();
    }

    /** This history as JSON. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("History could not be written as JSON", e);
        }
    }

    /**
     * Reads a history from JSON written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a history
     */
    public static History fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, History.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a dl4j-recipes history JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@link #toJson()} to a file, atomically. */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** Reads a history from a JSON file. */
    public static History readJson(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * This history as CSV: a comment line with the metric, a header ({@link #CSV_COLUMNS}), one
     * row per epoch. Numbers are written so that they read back exactly; NaN stays "NaN".
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder();
        csv.append(String.format(CSV_COMMENT, metric, higherIsBetter)).append('\n');
        csv.append(String.join(",", CSV_COLUMNS)).append('\n');
        for (EpochRecord e : epochs) {
            csv.append(e.epoch()).append(',').append(e.trainLoss()).append(',')
                    .append(e.trainMetric()).append(',').append(e.validLoss()).append(',')
                    .append(e.validMetric()).append(',').append(e.learningRate()).append(',')
                    .append(e.wallSeconds()).append(',').append(e.samplesPerSecond()).append('\n');
        }
        return csv.toString();
    }

    /** Writes {@link #toCsv()} to a file, atomically. */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv());
    }

    /**
     * Reads a history from a CSV file written by {@link #writeCsv(Path)}.
     *
     * @throws IllegalArgumentException naming the line and column of the first bad value
     */
    public static History readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .collect(Collectors.toList());
        if (lines.size() < 2 || !lines.get(0).startsWith(CSV_COMMENT_PREFIX)) {
            throw new IllegalArgumentException(file + ": line 1 must be '"
                    + String.format(CSV_COMMENT, "<name>", "<true|false>")
                    + "' followed by the header; write the file with History.writeCsv.");
        }
        String[] meta = lines.get(0).substring(CSV_COMMENT_PREFIX.length()).split(", higherIsBetter=");
        if (meta.length != 2) {
            throw new IllegalArgumentException(file + ": line 1 has no 'higherIsBetter=' part: '"
                    + lines.get(0) + "'.");
        }
        if (!lines.get(1).equals(String.join(",", CSV_COLUMNS))) {
            throw new IllegalArgumentException(file + ": line 2 must be the header '"
                    + String.join(",", CSV_COLUMNS) + "', got '" + lines.get(1) + "'.");
        }
        History history = empty(meta[0], Boolean.parseBoolean(meta[1].trim()));
        for (int row = 2; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            if (cells.length != CSV_COLUMNS.size()) {
                throw new IllegalArgumentException(file + ": line " + (row + 1) + " has "
                        + cells.length + " columns, expected " + CSV_COLUMNS.size() + ".");
            }
            double[] v = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    v[c] = Double.parseDouble(cells[c].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": line " + (row + 1) + ", column "
                            + CSV_COLUMNS.get(c) + ": '" + cells[c] + "' is not a number.", e);
                }
            }
            try {
                history = history.withEpoch(new EpochRecord((int) v[0], v[1], v[2], v[3], v[4], v[5],
                        v[6], v[7]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": line " + (row + 1) + ": "
                        + e.getMessage(), e);
            }
        }
        return history;
    }

    /**
     * Plots the loss curves, the metric curves and the learning rate side by side to a PNG.
     *
     * @param png the file to write
     */
    public void plot(Path png) throws IOException {
        double[] x = epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
        List<Curve> loss = new ArrayList<>(List.of(curve("train", x, EpochRecord::trainLoss)));
        List<Curve> metricCurves = new ArrayList<>(List.of(curve("train", x, EpochRecord::trainMetric)));
        if (hasValidation()) {
            loss.add(curve("valid", x, EpochRecord::validLoss));
            metricCurves.add(curve("valid", x, EpochRecord::validMetric));
        }
        Plots.panels(List.of(
                Panel.of("Loss", "epoch", "loss", loss),
                Panel.of(metric, "epoch", metric, metricCurves),
                Panel.of("Learning rate", "epoch", "learning rate",
                        List.of(curve("learning rate", x, EpochRecord::learningRate))).withLogY(true)),
                png);
    }

    private Curve curve(String name, double[] x, ToDoubleFunction<EpochRecord> y) {
        return new Curve(name, x, epochs.stream().mapToDouble(y).toArray());
    }

    /** Writes JSON, CSV and PNG next to each other: {@code <stem>.json}, {@code .csv}, {@code .png}. */
    public void writeAll(Path folder, String stem) throws IOException {
        writeJson(folder.resolve(stem + ".json"));
        writeCsv(folder.resolve(stem + ".csv"));
        plot(folder.resolve(stem + ".png"));
    }
}
