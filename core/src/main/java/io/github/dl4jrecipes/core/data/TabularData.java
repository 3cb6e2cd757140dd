package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.Numbers;
import io.github.dl4jrecipes.core.data.internal.SplitPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table read from a CSV file with a header row, with its schema inferred: each column is numeric
 * or categorical by content (overridable), missing values are recognised, and the task follows
 * from the target. Splitting fits the preprocessing ({@link TabularTransform}) on the training
 * rows only and encodes every part with it.
 *
 * <pre>{@code
 * TabularData data = TabularData.fromCsv(Path.of("houses.csv")).target("price")
 *         .categorical("zip").ignore("id").build();          // REGRESSION, inferred
 * TabularSplit split = data.split(0.8, 42);                   // stratified for classification
 * DataSetIterator train = InMemoryIterator.shuffled(split.train(), 32, 42);
 * split.transform().save(Path.of("model/transform.json"));    // same preprocessing at inference
 * }</pre>
 *
 * <p>Every bad input fails at {@link Builder#build()} with a {@link DataLoadException} naming the
 * file, its 1-based line (the header is line 1) and column: bytes not in the encoding, a header
 * naming a column twice, a missing target column, ragged rows, a column of mostly numbers with a
 * few other values (more than {@link #MOSTLY_NUMERIC} of them numbers), a non-numeric value in a
 * column declared numeric, NaN or infinity in a numeric column, a target with a single class, an
 * empty file. A fix that changes a setting of the builder names it as data
 * ({@link DataLoadException#mentions()}).
 */
public final class TabularData {

    private static final Logger LOG = LoggerFactory.getLogger(TabularData.class);

    /**
     * Tokens read as missing by default: R's {@code NA}, the empty field and {@code ?} (the UCI
     * repository's mark, as in its adult and heart-disease tables).
     */
    public static final List<String> DEFAULT_MISSING_VALUES = List.of("NA", "", "?");
    /** The bundled Palmer penguins table (CC0, 344 rows; see penguins.NOTICE.txt). */
    static final String PENGUINS_RESOURCE = "penguins.csv";
    /** The target of the penguins table. */
    public static final String PENGUINS_TARGET = "species";
    /**
     * Share of numbers among a column's values above which its other values are an error instead
     * of making it categorical: a half. A column that is mostly numbers is numeric with typos (a
     * decimal comma, a stray mark); read as categories, every distinct number would become an input.
     */
    static final double MOSTLY_NUMERIC = 0.5;
    /** Offending values a message lists. */
    static final int MAX_VALUES_SHOWN = 5;
    /** A number written with a decimal comma ({@code 1,5}), as European spreadsheets export. */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    /** Fill value of a numeric column with no value at all among the training rows. */
    static final double EMPTY_COLUMN_MEDIAN = 0.0;
    /** Scale of a constant column, so that standardizing leaves it at zero instead of dividing by 0. */
    static final double CONSTANT_COLUMN_STD = 1.0;
    /** Classes of a binary target. */
    static final int BINARY_CLASSES = 2;
    /** Columns a table needs besides ignored ones: the target and at least one feature. */
    static final int MIN_COLUMNS = 2;
    private static final Comparator<String> LEVEL_ORDER = TabularData::compareLevels;

    private final TabularSchema schema;
    private final List<String[]> featureRows;
    private final List<String> targets;
    private final int[] lines;
    private final List<String> missingValues;

    private TabularData(TabularSchema schema, List<String[]> featureRows, List<String> targets, int[] lines,
            List<String> missingValues) {
        this.schema = schema;
        this.featureRows = featureRows;
        this.targets = targets;
        this.lines = lines;
        this.missingValues = missingValues;
    }

    /** Starts reading the CSV file {@code path} (UTF-8 and commas unless set otherwise, header row first). */
    public static Builder fromCsv(Path path) {
        Objects.requireNonNull(path, "path");
        return new Builder(path.toString(), format -> CsvTable.read(path, format));
    }

    /**
     * The Palmer penguins table bundled with the library (Horst, Hill and Gorman; CC0): 344
     * penguins, 3 species (the target), island and sex categorical, four measurements and the
     * year numeric, with missing values.
     */
    public static TabularData penguins() {
        return penguinsCsv().target(PENGUINS_TARGET).build();
    }

    /**
     * A builder over the bundled penguins CSV, for other settings, e.g. a binary task:
     * {@code penguinsCsv().target("sex").dropRowsWithoutTarget().build()}.
     */
    public static Builder penguinsCsv() {
        String source = "penguins.csv (bundled)";
        return new Builder(source, format -> {
            try (InputStream in = TabularData.class.getResourceAsStream(PENGUINS_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + PENGUINS_RESOURCE + " is missing from the jar");
                }
                return CsvTable.read(source, in.readAllBytes(), format);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The inferred schema: column kinds and levels, target, task, input and output sizes. */
    public TabularSchema schema() {
        return schema;
    }

    /** Number of data rows. */
    public int numRows() {
        return targets.size();
    }

    /** A two-way split: {@code trainFraction} of the rows to train, the rest to validation. */
    public TabularSplit split(double trainFraction, long seed) {
        return split(trainFraction, 1.0 - trainFraction, seed);
    }

    /** A three-way split: train, validation and the remaining rows to test (none if they add to 1). */
    public TabularSplit split(double trainFraction, double validFraction, long seed) {
        Splits.checkFractions(trainFraction, validFraction);
        int[] classes = classIds();
        int[][] parts = SplitPlan.split(numRows(), classes, trainFraction, validFraction, seed);
        Splits.checkNotEmpty(parts[SplitPlan.TRAIN], "train", trainFraction, numRows());
        Splits.checkNotEmpty(parts[SplitPlan.VALID], "valid", validFraction, numRows());
        TabularTransform transform = fit(parts[SplitPlan.TRAIN]);
        DataSet test = parts[SplitPlan.TEST].length == 0 ? null : encode(transform, parts[SplitPlan.TEST]);
        Split split = new Split(encode(transform, parts[SplitPlan.TRAIN]), encode(transform, parts[SplitPlan.VALID]), test, classes != null);
        return new TabularSplit(split, transform);
    }

    /** {@code k} folds for cross-validation, each with a transform fitted on its own training rows. */
    public List<TabularSplit> kFold(int k, long seed) {
        Splits.checkFolds(k, numRows());
        int[] classes = classIds();
        List<TabularSplit> folds = new ArrayList<>(k);
        for (int[] valid : SplitPlan.kFold(numRows(), classes, k, seed)) {
            int[] train = SplitPlan.complement(numRows(), valid);
            TabularTransform transform = fit(train);
            folds.add(new TabularSplit(new Split(encode(transform, train), encode(transform, valid), null,
                    classes != null), transform));
        }
        return List.copyOf(folds);
    }

    /** A transform fitted on all rows (to train a final model on everything). */
    public TabularTransform fitAll() {
        int[] all = new int[numRows()];
        Arrays.setAll(all, i -> i);
        return fit(all);
    }

    /**
     * Every row, encoded with {@code transform} (fitted on another table, e.g. the training file):
     * feature columns are matched by name, so their order may differ; see
     * {@link TabularTransform#features(CsvTable)} for unused columns and unseen levels.
     *
     * @throws DataLoadException when this table lacks a feature column of the transform, or its
     *     target is another column
     */
    public DataSet encode(TabularTransform transform) {
        if (!transform.target().equals(schema.target())) {
            throw new DataLoadException("CSV " + schema.source() + " was read with target '" + schema.target()
                    + "' but the transform predicts '" + transform.target() + "'; fix: read it with .target(\""
                    + transform.target() + "\")");
        }
        int[] all = new int[numRows()];
        Arrays.setAll(all, i -> i);
        return encode(transform, all);
    }

    private int[] classIds() {
        if (!schema.targetKind().isClassification()) {
            return null;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < schema.classes().size(); c++) {
            index.put(schema.classes().get(c), c);
        }
        return targets.stream().mapToInt(index::get).toArray();
    }

    TabularTransform fit(int[] rows) {
        Set<String> missing = Set.copyOf(missingValues);
        List<ColumnTransform> columns = new ArrayList<>();
        for (int c = 0; c < schema.features().size(); c++) {
            ColumnSchema column = schema.features().get(c);
            columns.add(new ColumnTransform(column,
                    column.kind() == ColumnKind.NUMERIC ? stats(column.name(), c, rows, missing) : null));
        }
        return new TabularTransform(TabularTransform.FORMAT_VERSION, missingValues, schema.encoding(), columns,
                schema.target(), schema.targetKind(), schema.classes());
    }

    private NumericStats stats(String name, int column, int[] rows, Set<String> missing) {
        double[] present = Arrays.stream(rows).mapToObj(r -> featureRows.get(r)[column])
                .filter(token -> !missing.contains(token)).mapToDouble(Numbers::parse).sorted().toArray();
        double median;
        if (present.length == 0) {
            LOG.warn("Column '{}' has no value in the {} training rows; missing values are filled with {}", name,
                    rows.length, EMPTY_COLUMN_MEDIAN);
            median = EMPTY_COLUMN_MEDIAN;
        } else {
            int mid = present.length / 2;
            median = present.length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
        }
        double sum = 0;
        double sumSq = 0;
        for (int r : rows) {
            String token = featureRows.get(r)[column];
            double v = missing.contains(token) ? median : Numbers.parse(token);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / rows.length;
        double variance = Math.max(0, sumSq / rows.length - mean * mean);
        double std = variance > 0 ? Math.sqrt(variance) : CONSTANT_COLUMN_STD;
        return new NumericStats(median, mean, std);
    }

    private DataSet encode(TabularTransform transform, int[] rows) {
        List<String[]> features = new ArrayList<>(rows.length);
        List<String> labels = new ArrayList<>(rows.length);
        for (int r : rows) {
            features.add(featureRows.get(r));
            labels.add(targets.get(r));
        }
        IntFunction<String> where = i -> "CSV " + schema.source() + " line " + lines[rows[i]];
        List<String> names = schema.features().stream().map(ColumnSchema::name).toList();
        int[] positions = transform.positions("CSV " + schema.source(), names);
        DataSet data = new DataSet(transform.encode("CSV " + schema.source(), features, positions, where),
                transform.labels(labels, where));
        if (!transform.classes().isEmpty()) {
            data.setLabelNames(new ArrayList<>(transform.classes()));
        }
        return data;
    }

    /** Numbers before words; numbers by value, words alphabetically. */
    private static int compareLevels(String a, String b) {
        boolean aNum = Numbers.isDecimal(a);
        boolean bNum = Numbers.isDecimal(b);
        if (aNum && bNum) {
            int byValue = Double.compare(Numbers.parse(a), Numbers.parse(b));
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        return aNum != bNum ? (aNum ? -1 : 1) : a.compareTo(b);
    }

    /**
     * Settings for reading a CSV table. Only the target is required; everything else is inferred.
     */
    public static final class Builder {

        private final String source;
        private final Function<CsvFormat, CsvTable> reader;
        private String target;
        private final Set<String> numeric = new LinkedHashSet<>();
        private final Set<String> categorical = new LinkedHashSet<>();
        private final Set<String> ignored = new LinkedHashSet<>();
        private List<String> missingValues = DEFAULT_MISSING_VALUES;
        private TargetKind targetKind;
        private CategoricalEncoding encoding = CategoricalEncoding.ONE_HOT;
        private CsvFormat format = CsvFormat.DEFAULT;
        private boolean dropRowsWithoutTarget;

        private Builder(String source, Function<CsvFormat, CsvTable> reader) {
            this.source = source;
            this.reader = reader;
        }

        /** The column to predict (required). */
        public Builder target(String column) {
            this.target = Objects.requireNonNull(column, "column");
            return this;
        }

        /** Reads these columns as numbers, whatever their content (a non-number is then an error). */
        public Builder numeric(String... columns) {
            numeric.addAll(List.of(columns));
            return this;
        }

        /** Reads these columns as categories even if they hold numbers (e.g. codes, years). */
        public Builder categorical(String... columns) {
            categorical.addAll(List.of(columns));
            return this;
        }

        /** Leaves these columns out (e.g. row ids). */
        public Builder ignore(String... columns) {
            ignored.addAll(List.of(columns));
            return this;
        }

        /** The tokens that mean "missing" (default {@link #DEFAULT_MISSING_VALUES}). */
        public Builder missingValues(String... tokens) {
            this.missingValues = List.of(tokens);
            return this;
        }

        /** Sets the task instead of inferring it (e.g. MULTICLASS for an integer-coded target). */
        public Builder targetKind(TargetKind kind) {
            this.targetKind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** How categorical features are encoded (default one-hot). */
        public Builder encoding(CategoricalEncoding categoricalEncoding) {
            this.encoding = Objects.requireNonNull(categoricalEncoding, "categoricalEncoding");
            return this;
        }

        /**
         * Leaves out rows whose target is missing (logged with their count) instead of failing on
         * the first one, which is the default.
         */
        public Builder dropRowsWithoutTarget() {
            this.dropRowsWithoutTarget = true;
            return this;
        }

        /** The field delimiter (default {@link CsvFormat#DEFAULT_DELIMITER}). */
        public Builder delimiter(char fieldDelimiter) {
            this.format = format.withDelimiter(fieldDelimiter);
            return this;
        }

        /** The file's character encoding (default {@link CsvFormat#DEFAULT_ENCODING}). */
        public Builder encoding(Charset charset) {
            this.format = format.withEncoding(charset);
            return this;
        }

        /** Reads and checks the whole file; returns the table or throws, never half a table. */
        public TabularData build() {
            CsvTable table = reader.apply(format);
            checkColumns(table);
            Set<String> missing = Set.copyOf(missingValues);
            int targetIndex = table.indexOf(target);
            if (dropRowsWithoutTarget) {
                table = withoutMissingTargets(table, targetIndex, missing);
            }
            List<Integer> featureIndices = new ArrayList<>();
            for (int c = 0; c < table.header().size(); c++) {
                if (c != targetIndex && !ignored.contains(table.header().get(c))) {
                    featureIndices.add(c);
                }
            }
            List<ColumnSchema> features = new ArrayList<>();
            for (int c : featureIndices) {
                features.add(inferColumn(table, c, missing));
            }
            List<String> targets = new ArrayList<>(table.size());
            for (int r = 0; r < table.size(); r++) {
                String value = table.rows().get(r)[targetIndex];
                if (missing.contains(value)) {
                    throw new DataLoadException(where(table, r) + ", target '" + target + "': value is missing ('"
                            + value + "'); fix: drop the rows without a target, or fill them");
                }
                targets.add(value);
            }
            TreeSet<String> distinct = new TreeSet<>(LEVEL_ORDER);
            distinct.addAll(targets);
            TargetKind kind = targetKind(table, targets, distinct);
            List<String> classes = kind.isClassification() ? List.copyOf(distinct) : List.of();
            List<String[]> featureRows = new ArrayList<>(table.size());
            for (String[] row : table.rows()) {
                String[] values = new String[featureIndices.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row[featureIndices.get(i)];
                }
                featureRows.add(values);
            }
            List<String> integerCodes = kind == TargetKind.REGRESSION ? integerCodes(targets, distinct) : List.of();
            TabularSchema schema = new TabularSchema(source, table.size(), features, target, kind, classes, encoding,
                    integerCodes);
            LOG.info("Read {}: {} rows, {} features ({} inputs), target '{}' {}{}", source, table.size(),
                    features.size(), schema.numInputs(), target, kind, classes.isEmpty() ? "" : " " + classes);
            return new TabularData(schema, featureRows, List.copyOf(targets), table.lines(), missingValues);
        }

        private CsvTable withoutMissingTargets(CsvTable table, int targetIndex, Set<String> missing) {
            int[] kept = IntStream.range(0, table.size())
                    .filter(r -> !missing.contains(table.rows().get(r)[targetIndex])).toArray();
            if (kept.length == 0) {
                throw DataLoadException.of("CSV " + source + " target '" + target + "' is missing in all "
                        + table.size() + " rows; fix: choose another target column with ", TableSetting.TARGET.with(null));
            }
            if (kept.length < table.size()) {
                LOG.info("{}: dropped {} row(s) without a value for target '{}'", source, table.size() - kept.length,
                        target);
            }
            return table.select(kept);
        }

        private void checkColumns(CsvTable table) {
            List<String> header = table.header();
            if (target == null) {
                throw DataLoadException.of("CSV " + source + ": no target column chosen; fix: name it with ",
                        TableSetting.TARGET.with(null), ", one of " + header);
            }
            if (!header.contains(target)) {
                List<Object> parts = new ArrayList<>(List.of("CSV " + source + " has no target column '" + target
                        + "'; its columns are " + header));
                parts.addAll(CsvTable.delimiterHint(header));
                parts.addAll(List.of("; fix: pass one of those names to ", TableSetting.TARGET.with(null)));
                throw DataLoadException.of(parts.toArray());
            }
            checkKnown(header, numeric, TableSetting.NUMERIC);
            checkKnown(header, categorical, TableSetting.CATEGORICAL);
            checkKnown(header, ignored, TableSetting.IGNORE);
            for (String column : numeric) {
                if (categorical.contains(column)) {
                    throw new DataLoadException("column '" + column + "' is declared both numeric and categorical; fix: "
                            + "keep one of the two declarations");
                }
            }
            if (ignored.contains(target)) {
                throw DataLoadException.of("the target '" + target + "' is also ignored; fix: remove it from ",
                        TableSetting.IGNORE.with(target));
            }
            if (header.size() - ignored.size() < MIN_COLUMNS) {
                throw DataLoadException.of("CSV " + source + " has no feature column besides the target; fix: keep at "
                        + "least one column out of ", TableSetting.IGNORE.with(null));
            }
        }

        private void checkKnown(List<String> header, Collection<String> names, TableSetting setting) {
            for (String name : names) {
                if (!header.contains(name)) {
                    throw DataLoadException.of(setting.with(name), ": CSV " + source + " has no such column; its "
                            + "columns are " + header + "; fix: use one of those names");
                }
            }
        }

        private ColumnSchema inferColumn(CsvTable table, int c, Set<String> missing) {
            String name = table.header().get(c);
            int missingCount = 0;
            int numbers = 0;
            Map<String, Integer> words = new LinkedHashMap<>();
            for (int r = 0; r < table.size(); r++) {
                String token = table.rows().get(r)[c];
                if (missing.contains(token)) {
                    missingCount++;
                } else if (Numbers.isDecimal(token) || Numbers.isNonFinite(token)) {
                    numbers++;
                } else {
                    words.putIfAbsent(token, table.lines()[r]);
                }
            }
            int present = table.size() - missingCount;
            if (present == 0) {
                throw DataLoadException.of("CSV " + source + " column '" + name + "' has no value in any of its "
                        + table.size() + " rows; fix: drop it with ", TableSetting.IGNORE.with(name));
            }
            boolean isNumeric = numeric.contains(name) || (!categorical.contains(name) && numbers == present);
            if (isNumeric) {
                for (int r = 0; r < table.size(); r++) {
                    String token = table.rows().get(r)[c];
                    if (!missing.contains(token)) {
                        TabularTransform.numeric(token, name, where(table, r));
                    }
                }
                return new ColumnSchema(name, ColumnKind.NUMERIC, List.of(), missingCount);
            }
            if (!categorical.contains(name) && numbers > MOSTLY_NUMERIC * present) {
                throw mostlyNumeric(name, present - numbers, present, words);
            }
            TreeSet<String> levels = new TreeSet<>(LEVEL_ORDER);
            for (String[] row : table.rows()) {
                if (!missing.contains(row[c])) {
                    levels.add(row[c]);
                }
            }
            List<String> all = new ArrayList<>(levels);
            if (missingCount > 0) {
                all.add(ColumnSchema.MISSING_LEVEL);
            }
            return new ColumnSchema(name, ColumnKind.CATEGORICAL, all, missingCount);
        }

        /**
         * The error for a column of numbers with a few other values: they are typos or codes, and
         * reading the column as categories would turn every number into a category.
         */
        private DataLoadException mostlyNumeric(String name, int others, int present, Map<String, Integer> words) {
            String shown = words.entrySet().stream().limit(MAX_VALUES_SHOWN)
                    .map(w -> "'" + w.getKey() + "' (line " + w.getValue() + ")").collect(Collectors.joining(", "));
            boolean decimalComma = words.keySet().stream().anyMatch(w -> DECIMAL_COMMA.matcher(w).matches());
            return DataLoadException.of("CSV " + source + " column '" + name + "' holds numbers but " + others + " of its "
                    + present + " values are not: " + shown + (words.size() > MAX_VALUES_SHOWN ? ", ..." : "")
                    + (decimalComma ? " (a decimal comma: write 1.5, not 1,5)" : "") + "; fix: correct them (write NA "
                    + "or leave the field empty where a value is unknown), or declare the column categorical with ",
                    TableSetting.CATEGORICAL.with(name));
        }

        private TargetKind targetKind(CsvTable table, List<String> targets, TreeSet<String> distinct) {
            int targetIndex = table.indexOf(target);
            int firstWord = -1;
            int firstNonDecimal = -1;
            for (int r = 0; r < targets.size() && firstWord < 0; r++) {
                String value = targets.get(r);
                if (!Numbers.isDecimal(value)) {
                    firstNonDecimal = firstNonDecimal < 0 ? r : firstNonDecimal;
                    firstWord = Numbers.isNonFinite(value) ? firstWord : r;
                }
            }
            boolean isNumeric = firstWord < 0 && !categorical.contains(target);
            if (distinct.size() < BINARY_CLASSES) {
                throw new DataLoadException("CSV " + source + " target '" + target + "' has a single "
                        + (isNumeric ? "value" : "class") + " '" + distinct.first() + "' in all " + targets.size()
                        + " rows; fix: a model needs at least two classes (or varying values): check the target "
                        + "column and the file");
            }
            TargetKind kind = targetKind != null ? targetKind
                    : distinct.size() == BINARY_CLASSES ? TargetKind.BINARY
                    : isNumeric || numeric.contains(target) ? TargetKind.REGRESSION : TargetKind.MULTICLASS;
            if (kind == TargetKind.REGRESSION && firstNonDecimal >= 0) {
                String value = table.rows().get(firstNonDecimal)[targetIndex];
                TabularTransform.numeric(value, target, where(table, firstNonDecimal));
            }
            if (kind == TargetKind.BINARY && distinct.size() != BINARY_CLASSES) {
                throw DataLoadException.of("CSV " + source + " target '" + target + "' has " + distinct.size()
                        + " classes but BINARY needs 2; fix: use ", TableSetting.TARGET_KIND.with("MULTICLASS"),
                        " or leave the task inferred");
            }
            return kind;
        }

        /**
         * The distinct values of a numeric target when they are integer class codes (see
         * {@link TabularSchema#integerCodes()}), in numeric order; else none.
         */
        private static List<String> integerCodes(List<String> targets, TreeSet<String> distinct) {
            if (distinct.size() > TabularSchema.MAX_INTEGER_CODES || !distinct.stream()
                    .allMatch(v -> Numbers.isDecimal(v) && Numbers.parse(v) == Math.rint(Numbers.parse(v)))) {
                return List.of();
            }
            Map<String, Integer> counts = new HashMap<>();
            targets.forEach(v -> counts.merge(v, 1, Integer::sum));
            boolean examples = counts.values().stream().allMatch(n -> n >= TabularSchema.MIN_ROWS_PER_CODE);
            return examples ? List.copyOf(distinct) : List.of();
        }

        private static String where(CsvTable table, int row) {
            return "CSV " + table.source() + " line " + table.lines()[row];
        }
    }
}
