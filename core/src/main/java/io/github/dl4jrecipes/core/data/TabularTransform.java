package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.train.internal.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.dl4jrecipes.core.data.internal.Numbers;
import io.github.dl4jrecipes.core.data.internal.Rows;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fitted preprocessing of a table, the same at training and at inference: missing numeric
 * values get the training median (and a 1 in {@code <col>_na}), numeric values are standardized
 * with training statistics, categorical values are one-hot encoded or become level indices, and
 * a level never seen maps to {@link ColumnSchema#UNKNOWN_LEVEL}. Saved as JSON next to the model.
 *
 * <pre>{@code
 * split.transform().save(Path.of("model/transform.json"));
 * TabularTransform t = TabularTransform.load(Path.of("model/transform.json"));
 * INDArray x = t.features(List.of(Map.of("island", "Biscoe", "bill_length_mm", "45.1", ...)));
 * String species = t.classes().get(net.output(x).argMax(1).getInt(0));
 * }</pre>
 *
 * @param formatVersion the JSON format version ({@link #FORMAT_VERSION})
 * @param missingValues the tokens that mean "missing" (e.g. {@code NA} and the empty string)
 * @param encoding how categorical columns are encoded
 * @param columns the feature columns, in input order
 * @param target the target column's name
 * @param targetKind the task
 * @param classes the class names by label index (empty for regression)
 */
public record TabularTransform(int formatVersion, List<String> missingValues, CategoricalEncoding encoding,
        List<ColumnTransform> columns, String target, TargetKind targetKind, List<String> classes) {

    /** Version of the JSON layout written by this code. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(TabularTransform.class);

    /** Validates and copies. */
    public TabularTransform {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion: this code reads version " + FORMAT_VERSION + ", got "
                    + formatVersion + "; fix: use the dl4j-recipes version that wrote the transform");
        }
        missingValues = List.copyOf(missingValues);
        Objects.requireNonNull(encoding, "encoding");
        columns = List.copyOf(columns);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetKind, "targetKind");
        classes = List.copyOf(classes);
        if (targetKind.isClassification() != !classes.isEmpty()) {
            throw new IllegalArgumentException("classes: a " + targetKind + " target needs "
                    + (targetKind.isClassification() ? "class names" : "none") + ", got " + classes);
        }
    }

    /** Number of model inputs (columns of {@link #features}). */
    public int numInputs() {
        return columns.stream().mapToInt(c -> c.column().width(encoding)).sum();
    }

    /** Number of label columns: classes for multiclass, 1 for binary and regression. */
    public int numOutputs() {
        return targetKind == TargetKind.MULTICLASS ? classes.size() : 1;
    }

    /**
     * This transform with its target read as the classes of {@code schema} (see
     * {@link TabularSchema#asClasses()}): the same features, the target's values as class names.
     *
     * @throws IllegalArgumentException when {@code schema} is not this transform's target read as classes
     */
    public TabularTransform withClasses(TabularSchema schema) {
        if (!schema.target().equals(target) || !schema.targetKind().isClassification()) {
            throw new IllegalArgumentException("schema: expected target '" + target + "' read as classes, got '"
                    + schema.target() + "' " + schema.targetKind() + "; fix: pass schema.asClasses() of this table");
        }
        return new TabularTransform(formatVersion, missingValues, encoding, columns, target, schema.targetKind(),
                schema.classes());
    }

    /** The task the target implies: binary, multi-class over {@link #classes()}, or regression of one number. */
    public Task task() {
        return switch (targetKind) {
            case BINARY -> Task.binary();
            case MULTICLASS -> Task.multiclass(classes.size());
            case REGRESSION -> Task.regression(1);
        };
    }

    /** The name of every model input, in order (e.g. {@code island=Biscoe}, {@code bill_length_mm_na}). */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.addAll(c.column().featureNames(encoding)));
        return names;
    }

    /**
     * Encodes rows given as column name → raw value (as in the CSV; missing tokens and {@code null}
     * mean missing). Extra keys, such as the target, are ignored.
     *
     * @throws DataLoadException when a row lacks a feature column, or a numeric column holds a
     *     value that is not a finite number
     */
    public INDArray features(List<Map<String, String>> rows) {
        List<String[]> tokens = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> row = rows.get(r);
            String[] values = new String[columns.size()];
            for (int c = 0; c < values.length; c++) {
                String name = columns.get(c).column().name();
                if (!row.containsKey(name)) {
                    throw new DataLoadException("input row " + (r + 1) + " has no column '" + name + "'; fix: pass "
                            + "every feature column " + columnNames() + " (use null or \"NA\" for a missing value)");
                }
                values[c] = row.get(name);
            }
            tokens.add(values);
        }
        return encode("input rows", tokens, Rows.range(columns.size()), r -> "input row " + (r + 1));
    }

    /**
     * Encodes the rows of a CSV table, finding every feature column by its name: the order of the
     * columns is free, columns the model does not use (such as the target) are ignored and named
     * once in the log, categorical levels never seen in training are encoded as
     * {@link ColumnSchema#UNKNOWN_LEVEL} with one warning per column (the levels and their counts).
     *
     * @throws DataLoadException naming the feature columns the table lacks, or the file line and
     *     column of a value that is not a finite number in a numeric column
     */
    public INDArray features(CsvTable table) {
        String source = "CSV " + table.source();
        return encode(source, table.rows(), positions(source, table.header()),
                r -> "CSV " + table.source() + " line " + table.lines()[r]);
    }

    /**
     * The labels of a CSV table's target column (found by name), encoded as in training.
     *
     * @throws DataLoadException when the table has no target column, or a value is not one of the
     *     classes (not a number, for regression), naming the file line
     */
    public INDArray labels(CsvTable table) {
        int index = table.indexOf(target);
        if (index < 0) {
            List<Object> parts = new ArrayList<>(List.of("CSV " + table.source() + " has no target column '" + target
                    + "' to evaluate against; its columns are " + table.header()));
            parts.addAll(CsvTable.delimiterHint(table.header()));
            parts.add("; fix: pass rows labelled in a '" + target + "' column");
            throw DataLoadException.of(parts.toArray());
        }
        List<String> values = table.rows().stream().map(row -> row[index]).toList();
        return labels(values, r -> "CSV " + table.source() + " line " + table.lines()[r]);
    }

    /**
     * Where each feature column is among {@code header}; logs the names that are not used.
     *
     * @throws DataLoadException naming the feature columns {@code header} lacks
     */
    int[] positions(String source, List<String> header) {
        List<String> missing = columnNames().stream().filter(name -> !header.contains(name)).toList();
        if (!missing.isEmpty()) {
            List<Object> parts = new ArrayList<>(List.of(source + " lacks the column(s) " + missing
                    + " the model was trained on; its columns are " + header));
            parts.addAll(CsvTable.delimiterHint(header));
            parts.add("; fix: add them (leave a value empty or write NA where it is unknown)");
            throw DataLoadException.of(parts.toArray());
        }
        List<String> unused = header.stream().filter(name -> !columnNames().contains(name) && !name.equals(target))
                .toList();
        if (!unused.isEmpty()) {
            LOG.info("{}: column(s) {} are not inputs of the model; ignored", source, unused);
        }
        return columnNames().stream().mapToInt(header::indexOf).toArray();
    }

    private List<String> columnNames() {
        return columns.stream().map(c -> c.column().name()).toList();
    }

    /**
     * Encodes rows of raw tokens; feature column {@code c} is field {@code positions[c]} of a row.
     * Logs one warning per categorical column that holds levels never seen in training.
     *
     * @param source names the rows in the warnings
     * @param where names row {@code i} in errors
     */
    INDArray encode(String source, List<String[]> rows, int[] positions, IntFunction<String> where) {
        Set<String> missing = new HashSet<>(missingValues);
        List<Cells> cells = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            ColumnSchema column = columns.get(c).column();
            int position = positions[c];
            if (column.kind() == ColumnKind.NUMERIC) {
                double[] values = new double[rows.size()];
                for (int r = 0; r < values.length; r++) {
                    String token = token(rows.get(r)[position]);
                    values[r] = token == null || missing.contains(token) ? Double.NaN
                            : numeric(token, column.name(), where.apply(r));
                }
                cells.add(Cells.numbers(values));
            } else {
                Map<String, Integer> seen = new HashMap<>();
                List<String> levels = new ArrayList<>();
                int[] codes = new int[rows.size()];
                for (int r = 0; r < codes.length; r++) {
                    String token = token(rows.get(r)[position]);
                    String level = token == null || missing.contains(token) ? ColumnSchema.MISSING_LEVEL : token;
                    codes[r] = seen.computeIfAbsent(level, l -> {
                        levels.add(l);
                        return levels.size() - 1;
                    });
                }
                cells.add(Cells.levels(codes, levels));
            }
        }
        return encode(source, cells, Rows.range(rows.size()));
    }

    /** A trimmed field, {@code null} staying {@code null}. */
    private static String token(String field) {
        return field == null ? null : field.trim();
    }

    /**
     * Encodes rows {@code rows} of feature columns held as primitives, one {@link Cells} per
     * column of this transform, in order. Logs one warning per categorical column that holds
     * levels never seen in training.
     *
     * @param source names the rows in the warnings
     */
    INDArray encode(String source, List<Cells> cells, int[] rows) {
        int width = numInputs();
        float[] out = new float[rows.length * width];
        int offset = 0;
        for (int c = 0; c < columns.size(); c++) {
            ColumnTransform transform = columns.get(c);
            ColumnSchema column = transform.column();
            Cells cell = cells.get(c);
            if (column.kind() == ColumnKind.NUMERIC) {
                NumericStats stats = transform.stats();
                for (int i = 0; i < rows.length; i++) {
                    double value = cell.values()[rows[i]];
                    boolean isMissing = Double.isNaN(value);
                    int at = i * width + offset;
                    out[at] = (float) stats.standardize(isMissing ? stats.median() : value);
                    if (column.hasIndicator()) {
                        out[at + 1] = isMissing ? 1f : 0f;
                    }
                }
            } else {
                int[] remap = remap(cell.levels(), column.levels());
                int[] unseen = new int[remap.length];
                for (int i = 0; i < rows.length; i++) {
                    int level = cell.codes()[rows[i]];
                    int code = remap[level];
                    unseen[level] += code == column.levels().size() ? 1 : 0;
                    int at = i * width + offset;
                    if (encoding == CategoricalEncoding.INDEX) {
                        out[at] = code;
                    } else {
                        out[at + code] = 1f;
                    }
                }
                warnUnseen(source, column, cell.levels(), unseen);
            }
            offset += column.width(encoding);
        }
        return Nd4j.create(out, new long[] {rows.length, width}, DataType.FLOAT);
    }

    /** For each of {@code levels}, its code among {@code known}: its index, or {@code known.size()} (unknown). */
    private static int[] remap(List<String> levels, List<String> known) {
        Map<String, Integer> codes = new HashMap<>();
        for (int i = 0; i < known.size(); i++) {
            codes.put(known.get(i), i);
        }
        return levels.stream().mapToInt(level -> codes.getOrDefault(level, known.size())).toArray();
    }

    private static void warnUnseen(String source, ColumnSchema column, List<String> levels, int[] unseen) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int l = 0; l < unseen.length; l++) {
            if (unseen[l] > 0) {
                counts.put(levels.get(l), unseen[l]);
            }
        }
        if (!counts.isEmpty()) {
            LOG.warn("{}: column '{}': {} row(s) hold level(s) never seen in training {}; they are encoded as {} "
                    + "(known levels: {})", source, column.name(), counts.values().stream().mapToInt(i -> i).sum(),
                    counts, ColumnSchema.UNKNOWN_LEVEL, column.levels());
        }
    }

    /**
     * One feature column's cells held as primitives: numbers ({@code NaN} where missing) for a
     * numeric column, or for a categorical one the index of each cell's level among
     * {@code levels} (a missing value is {@link ColumnSchema#MISSING_LEVEL}).
     */
    record Cells(double[] values, int[] codes, List<String> levels) {

        static Cells numbers(double[] values) {
            return new Cells(values, null, List.of());
        }

        static Cells levels(int[] codes, List<String> levels) {
            return new Cells(null, codes, levels);
        }
    }

    /** Parses a numeric feature value or fails naming where it is. */
    static double numeric(String token, String column, String where) {
        if (Numbers.isDecimal(token)) {
            return Numbers.parse(token);
        }
        if (Numbers.isNonFinite(token)) {
            throw new DataLoadException(where + ", column '" + column + "': value '" + token + "' is not a finite "
                    + "number; fix: write NA or leave the field empty to mark it missing, or replace it with a value");
        }
        throw DataLoadException.of(where + ", column '" + column + "': value '" + token + "' is not a number but the "
                + "column is numeric; fix: correct the value, or declare the column categorical with ",
                TableSetting.CATEGORICAL.with(column));
    }

    /**
     * Encodes target values: one-hot rows (multiclass), a 0/1 column (binary) or the value
     * (regression).
     */
    INDArray labels(List<String> values, IntFunction<String> where) {
        int[] all = Rows.range(values.size());
        if (targetKind == TargetKind.REGRESSION) {
            double[] numbers = new double[values.size()];
            for (int r = 0; r < numbers.length; r++) {
                numbers[r] = numeric(values.get(r), target, where.apply(r));
            }
            return labels(numbers, all);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int[] ids = new int[values.size()];
        for (int r = 0; r < ids.length; r++) {
            Integer id = index.get(values.get(r));
            if (id == null) {
                throw new DataLoadException(where.apply(r) + ", target '" + target + "': class '" + values.get(r)
                        + "' is not one of " + classes + "; fix: use only the classes the model was trained on");
            }
            ids[r] = id;
        }
        return labels(ids, all);
    }

    /** The labels of rows {@code rows} of a classification target given as indices into {@link #classes()}. */
    INDArray labels(int[] classIds, int[] rows) {
        int width = numOutputs();
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            int id = classIds[rows[i]];
            if (targetKind == TargetKind.MULTICLASS) {
                out[i * width + id] = 1f;
            } else {
                out[i] = id;
            }
        }
        return Nd4j.create(out, new long[] {rows.length, width}, DataType.FLOAT);
    }

    /** The labels of rows {@code rows} of a regression target. */
    INDArray labels(double[] values, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = (float) values[rows[i]];
        }
        return Nd4j.create(out, new long[] {rows.length, 1}, DataType.FLOAT);
    }

    /** This transform as JSON. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a TabularTransform always serialises", e);
        }
    }

    /** Reads a transform written by {@link #toJson()}. */
    public static TabularTransform fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, TabularTransform.class);
        } catch (JsonProcessingException e) {
            throw new DataLoadException("JSON is not a TabularTransform (" + e.getOriginalMessage() + "); fix: pass "
                    + "the text written by TabularTransform.toJson()", e);
        }
    }

    /** Writes the JSON to {@code file} atomically (a temporary file renamed into place). */
    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** Reads a transform saved by {@link #save(Path)}. */
    public static TabularTransform load(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (DataLoadException e) {
            throw e.within("file " + file + ": ");
        }
    }
}
