package io.github.dl4jrecipes.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Real-valued time series in memory, read from a CSV: one or more sequences, each with the same
 * named features over its own number of time steps, in time order. A table with one series per
 * column (wide format) is one sequence whose features are the columns; a table in long format
 * (a series-id column and a value column, rows in time order within each series) is one
 * single-feature sequence per id. {@link #windows(int, int)} cuts them into sliding windows for
 * a forecasting network.
 *
 * <pre>{@code
 * TimeSeries co2 = TimeSeries.fromCsv(Path.of("co2.csv")).timeColumn("month").build();   // wide
 * TimeSeries shops = TimeSeries.fromCsv(path).longFormat("shop", "sales").build();        // long
 * TimeSplit split = co2.windows(24, 1).splitByTime(0.8);     // 24 steps in, the next one out
 * }</pre>
 *
 * @param source    the file (or name) the series came from, for messages
 * @param features  the feature names (wide: the value columns; long: the value column)
 * @param ids       one name per sequence (wide: the file; long: the series ids)
 * @param sequences per sequence, {@code [feature][time]}, finite values (do not modify)
 */
public record TimeSeries(String source, List<String> features, List<String> ids, List<double[][]> sequences) {

    /** Validates shape and values: every value finite, every sequence with every feature and at least one step. */
    public TimeSeries {
        Objects.requireNonNull(source, "source");
        features = List.copyOf(features);
        ids = List.copyOf(ids);
        sequences = List.copyOf(sequences);
        if (features.isEmpty() || sequences.isEmpty() || ids.size() != sequences.size()) {
            throw new IllegalArgumentException("series: need at least one feature and one sequence with one id each, "
                    + "got features " + features + ", ids " + ids + " and " + sequences.size() + " sequence(s)");
        }
        for (int s = 0; s < sequences.size(); s++) {
            double[][] sequence = sequences.get(s);
            if (sequence.length != features.size() || sequence[0].length == 0) {
                throw new IllegalArgumentException("series '" + ids.get(s) + "' of " + source + ": need "
                        + features.size() + " feature row(s) of at least one step, got " + sequence.length);
            }
            for (int f = 0; f < sequence.length; f++) {
                if (sequence[f].length != sequence[0].length) {
                    throw new IllegalArgumentException("series '" + ids.get(s) + "' of " + source + ": feature '"
                            + features.get(f) + "' has " + sequence[f].length + " steps, feature '" + features.get(0)
                            + "' " + sequence[0].length + "; fix: give every feature a value at every step");
                }
                for (int t = 0; t < sequence[f].length; t++) {
                    if (!Double.isFinite(sequence[f][t])) {
                        throw new IllegalArgumentException("series '" + ids.get(s) + "' of " + source + ", feature '"
                                + features.get(f) + "', step " + t + ": value " + sequence[f][t] + " is not a finite "
                                + "number; fix: fill or drop missing values before windowing");
                    }
                }
            }
        }
    }

    /** One named series of values in time order. */
    public static TimeSeries of(String name, double... values) {
        return new TimeSeries(name, List.of(name), List.of(name), List.<double[][]>of(new double[][]{values.clone()}));
    }

    /** A reader of a CSV file: wide by default (every column but the time column is a series). */
    public static Builder fromCsv(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"));
    }

    /** Number of time steps of sequence {@code index}. */
    public int length(int index) {
        return sequences.get(index)[0].length;
    }

    /** Index of feature {@code name}. */
    public int featureIndex(String name) {
        int index = features.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("target: " + source + " has no series '" + name + "'; its series are "
                    + features + "; fix: pass one of them");
        }
        return index;
    }

    /**
     * Sliding windows of {@code window} steps whose target is the first feature {@code horizon}
     * steps after each window's last step; see {@link SlidingWindows}.
     */
    public SlidingWindows windows(int window, int horizon) {
        return SlidingWindows.of(this, window, horizon);
    }

    /** Reads a time-series CSV; {@link #build()} reads the file. */
    public static final class Builder {
        private final Path file;
        private CsvFormat format = CsvFormat.DEFAULT;
        private String timeColumn;
        private String idColumn;
        private String valueColumn;

        private Builder(Path file) {
            this.file = file;
        }

        /** The CSV's delimiter and encoding (default {@link CsvFormat#DEFAULT}). */
        public Builder format(CsvFormat value) {
            format = Objects.requireNonNull(value, "format");
            return this;
        }

        /** A column of time stamps to skip (rows must already be in time order; it is not read as a value). */
        public Builder timeColumn(String name) {
            timeColumn = Objects.requireNonNull(name, "timeColumn");
            return this;
        }

        /** Long format: one sequence per distinct {@code idColumn} value, its values in {@code valueColumn}. */
        public Builder longFormat(String idColumn, String valueColumn) {
            this.idColumn = Objects.requireNonNull(idColumn, "idColumn");
            this.valueColumn = Objects.requireNonNull(valueColumn, "valueColumn");
            return this;
        }

        /**
         * Reads the file.
         *
         * @throws DataLoadException naming the file, line and column of a value that is not a
         *     finite number, or a column that does not exist
         */
        public TimeSeries build() {
            CsvTable table = CsvTable.read(file, format);
            if (timeColumn != null) {
                column(table, timeColumn, "timeColumn");
            }
            if (idColumn != null) {
                return longFormat(table);
            }
            List<Integer> columns = new ArrayList<>();
            for (int c = 0; c < table.header().size(); c++) {
                if (!table.header().get(c).equals(timeColumn)) {
                    columns.add(c);
                }
            }
            if (columns.isEmpty() || table.size() == 0) {
                throw new DataLoadException("CSV " + table.source() + " holds no series values (" + table.size()
                        + " rows, columns " + table.header() + "); fix: give it a value column and rows in time order");
            }
            double[][] values = new double[columns.size()][table.size()];
            for (int i = 0; i < columns.size(); i++) {
                for (int row = 0; row < table.size(); row++) {
                    values[i][row] = value(table, row, columns.get(i));
                }
            }
            List<String> names = columns.stream().map(table.header()::get).toList();
            return new TimeSeries(table.source(), names, List.of(table.source()), List.<double[][]>of(values));
        }

        private TimeSeries longFormat(CsvTable table) {
            int id = column(table, idColumn, "longFormat idColumn");
            int value = column(table, valueColumn, "longFormat valueColumn");
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (int row = 0; row < table.size(); row++) {
                series.computeIfAbsent(table.rows().get(row)[id], k -> new ArrayList<>()).add(value(table, row, value));
            }
            if (series.isEmpty()) {
                throw new DataLoadException("CSV " + table.source() + " has no rows; fix: give it one row per series "
                        + "and time step");
            }
            List<double[][]> sequences = series.values().stream()
                    .map(v -> new double[][]{v.stream().mapToDouble(Double::doubleValue).toArray()}).toList();
            return new TimeSeries(table.source(), List.of(valueColumn), List.copyOf(series.keySet()), sequences);
        }

        private static int column(CsvTable table, String name, String setting) {
            int index = table.indexOf(name);
            if (index < 0) {
                throw new DataLoadException(setting + ": CSV " + table.source() + " has no column '" + name
                        + "'; its columns are " + table.header() + "; fix: pass one of them");
            }
            return index;
        }

        private static double value(CsvTable table, int row, int column) {
            String field = table.rows().get(row)[column];
            double parsed;
            try {
                parsed = Double.parseDouble(field);
            } catch (NumberFormatException e) {
                parsed = Double.NaN;
            }
            if (!Double.isFinite(parsed)) {
                throw new DataLoadException("CSV " + table.source() + " line " + table.lines()[row] + ", column '"
                        + table.header().get(column) + "': value '" + field + "' is not a finite number; fix: fill or "
                        + "drop missing values (a time series cannot skip a step), or name a time-stamp column with "
                        + "timeColumn(..)");
            }
            return parsed;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries t && source.equals(t.source) && features.equals(t.features) && ids.equals(t.ids)
                && sequences.size() == t.sequences.size()
                && IntStream.range(0, sequences.size())
                .allMatch(i -> Arrays.deepEquals(sequences.get(i), t.sequences.get(i)));
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, features, ids, sequences.stream().mapToInt(Arrays::deepHashCode).sum());
    }

    @Override
    public String toString() {
        return "TimeSeries(" + source + ": " + sequences.size() + " sequence(s) of " + features + ")";
    }
}
