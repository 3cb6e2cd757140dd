package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.IntList;
import io.github.dl4jrecipes.core.data.internal.Numbers;
import io.github.dl4jrecipes.core.data.internal.Rows;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.Set;
import java.util.LinkedHashMap;
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
    /** Per feature column: its cells as numbers (numeric) or as indices into its schema levels (categorical). */
    private final List<TabularTransform.Cells> features;
    /** The target as indices into the classes (classification), else {@code null}. */
    private final int[] classIds;
    /** The target's values (regression), else {@code null}. */
    private final double[] targetValues;
    private final int[] lines;
    private final List<String> missingValues;

    private TabularData(TabularSchema schema, List<TabularTransform.Cells> features, int[] classIds,
            double[] targetValues, int[] lines, List<String> missingValues) {
        this.schema = schema;
        this.features = features;
        this.classIds = classIds;
        this.targetValues = targetValues;
        this.lines = lines;
        this.missingValues = missingValues;
    }

    /** Starts reading the CSV file {@code path} (UTF-8 and commas unless set otherwise, header row first). */
    public static Builder fromCsv(Path path) {
        Objects.requireNonNull(path, "path");
        return new Builder(path.toString(), format -> CsvReader.open(path, format));
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
                return CsvReader.of(source, in.readAllBytes(), format);
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
        return lines.length;
    }

    /** A two-way split: {@code trainFraction} of the rows to train, the rest to validation. */
    public TabularSplit split(double trainFraction, long seed) {
        return split(trainFraction, 1.0 - trainFraction, seed);
    }

    /** A three-way split: train, validation and the remaining rows to test (none if they add to 1). */
    public TabularSplit split(double trainFraction, double validFraction, long seed) {
        Splits.checkFractions(trainFraction, validFraction);
        int[] classes = classIds;
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
        int[] classes = classIds;
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
     * {@link TabularTransform#features(CsvTable)} for unused columns and unseen levels. A column
     * this table read as numbers meets a categorical column of the transform with each number
     * written plainly ({@code 2007}, {@code 1.5}).
     *
     * @throws DataLoadException when this table lacks a feature column of the transform, or its
     *     target is another column, or a value does not fit the transform (a word in a numeric
     *     column, a class it does not know), naming its line
     */
    public DataSet encode(TabularTransform transform) {
        if (!transform.target().equals(schema.target())) {
            throw new DataLoadException("CSV " + schema.source() + " was read with target '" + schema.target()
                    + "' but the transform predicts '" + transform.target() + "'; fix: read it with .target(\""
                    + transform.target() + "\")");
        }
        String source = "CSV " + schema.source();
        List<String> names = schema.features().stream().map(ColumnSchema::name).toList();
        int[] positions = transform.positions(source, names);
        List<TabularTransform.Cells> cells = new ArrayList<>();
        for (int c = 0; c < positions.length; c++) {
            cells.add(asKind(transform.columns().get(c).column(), positions[c]));
        }
        int[] all = Rows.range(numRows());
        INDArray labels;
        if (transform.targetKind().isClassification()) {
            List<String> values = IntStream.range(0, numRows()).mapToObj(this::targetSpelling).toList();
            labels = transform.labels(values, this::where);
        } else {
            double[] values = targetValues != null ? targetValues : IntStream.range(0, numRows())
                    .mapToDouble(r -> TabularTransform.numeric(targetSpelling(r), schema.target(), where(r))).toArray();
            labels = transform.labels(values, all);
        }
        return dataSet(transform, transform.encode(source, cells, all), labels);
    }

    /** Feature column {@code c} of this table as the kind {@code wanted} has in a transform. */
    private TabularTransform.Cells asKind(ColumnSchema wanted, int c) {
        TabularTransform.Cells cells = features.get(c);
        ColumnSchema own = schema.features().get(c);
        if (wanted.kind() == own.kind()) {
            return cells;
        }
        if (wanted.kind() == ColumnKind.NUMERIC) {
            double[] values = new double[numRows()];
            for (int r = 0; r < values.length; r++) {
                String level = own.levels().get(cells.codes()[r]);
                values[r] = level.equals(ColumnSchema.MISSING_LEVEL) ? Double.NaN
                        : TabularTransform.numeric(level, own.name(), where(r));
            }
            return TabularTransform.Cells.numbers(values);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> levels = new ArrayList<>();
        int[] codes = new int[numRows()];
        for (int r = 0; r < codes.length; r++) {
            double value = cells.values()[r];
            String level = Double.isNaN(value) ? ColumnSchema.MISSING_LEVEL : plain(value);
            codes[r] = seen.computeIfAbsent(level, l -> {
                levels.add(l);
                return levels.size() - 1;
            });
        }
        return TabularTransform.Cells.levels(codes, levels);
    }

    /** The target of row {@code r} as written: its class, or its number written plainly. */
    private String targetSpelling(int r) {
        return classIds != null ? schema.classes().get(classIds[r]) : plain(targetValues[r]);
    }

    /** A number as a CSV writer puts it: {@code 2007} for whole numbers, else {@link Double#toString}. */
    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private String where(int row) {
        return "CSV " + schema.source() + " line " + lines[row];
    }

    TabularTransform fit(int[] rows) {
        List<ColumnTransform> columns = new ArrayList<>();
        for (int c = 0; c < schema.features().size(); c++) {
            ColumnSchema column = schema.features().get(c);
            columns.add(new ColumnTransform(column,
                    column.kind() == ColumnKind.NUMERIC ? stats(column.name(), features.get(c).values(), rows) : null));
        }
        return new TabularTransform(TabularTransform.FORMAT_VERSION, missingValues, schema.encoding(), columns,
                schema.target(), schema.targetKind(), schema.classes());
    }

    private static NumericStats stats(String name, double[] values, int[] rows) {
        double[] present = Arrays.stream(rows).mapToDouble(r -> values[r]).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
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
            double v = Double.isNaN(values[r]) ? median : values[r];
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / rows.length;
        double variance = Math.max(0, sumSq / rows.length - mean * mean);
        double std = variance > 0 ? Math.sqrt(variance) : CONSTANT_COLUMN_STD;
        return new NumericStats(median, mean, std);
    }

    /** Rows {@code rows} encoded with {@code transform}, fitted on this table (its columns and levels are this table's). */
    private DataSet encode(TabularTransform transform, int[] rows) {
        INDArray labels = classIds != null ? transform.labels(classIds, rows) : transform.labels(targetValues, rows);
        return dataSet(transform, transform.encode("CSV " + schema.source(), features, rows), labels);
    }

    private static DataSet dataSet(TabularTransform transform, INDArray features, INDArray labels) {
        DataSet data = new DataSet(features, labels);
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
        private final Function<CsvFormat, CsvReader> reader;
        private String target;
        private final Set<String> numeric = new LinkedHashSet<>();
        private final Set<String> categorical = new LinkedHashSet<>();
        private final Set<String> ignored = new LinkedHashSet<>();
        private List<String> missingValues = DEFAULT_MISSING_VALUES;
        private TargetKind targetKind;
        private CategoricalEncoding encoding = CategoricalEncoding.ONE_HOT;
        private CsvFormat format = CsvFormat.DEFAULT;
        private boolean dropRowsWithoutTarget;

        private Builder(String source, Function<CsvFormat, CsvReader> reader) {
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

        /**
         * Reads and checks the whole file; returns the table or throws, never half a table. The
         * file is read once, as it streams, into primitive columns; a second read happens only
         * when a column read as categories holds more distinct numbers than were kept as written
         * ({@link #SPELLINGS_KEPT}).
         */
        public TabularData build() {
            Columns read;
            try (CsvReader in = reader.apply(format)) {
                checkColumns(in.header());
                read = read(in);
            }
            List<ColumnSchema> features = new ArrayList<>();
            for (int i = 0; i < read.features().length; i++) {
                features.add(inferColumn(read.header().get(read.featureIndices()[i]), read.features()[i]));
            }
            ColumnBuffer targets = read.target();
            if (targets.missing() > 0) {
                throw new DataLoadException("CSV " + source + " line " + targets.firstMissingLine() + ", target '"
                        + target + "': value is missing ('" + targets.firstMissing() + "'); fix: drop the rows without "
                        + "a target, or fill them");
            }
            TargetKind kind = targetKind(targets);
            List<ColumnBuffer> unspelled = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) {
                if (features.get(i).kind() == ColumnKind.CATEGORICAL && read.features()[i].spellingsDropped()) {
                    unspelled.add(read.features()[i]);
                }
            }
            if (kind.isClassification() && targets.spellingsDropped()) {
                unspelled.add(targets);
            }
            if (!unspelled.isEmpty()) {
                spellAgain(read, unspelled);
            }
            List<TabularTransform.Cells> cells = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) {
                ColumnSchema column = levels(features.get(i), read.features()[i]);
                features.set(i, column);
                cells.add(column.kind() == ColumnKind.NUMERIC ? TabularTransform.Cells.numbers(read.features()[i].values())
                        : TabularTransform.Cells.levels(codes(read.features()[i], column.levels()), column.levels()));
            }
            List<String> classes = kind.isClassification() ? sortedLevels(targets) : List.of();
            int rows = targets.size();
            List<String> integerCodes = kind == TargetKind.REGRESSION ? integerCodes(targets) : List.of();
            TabularSchema schema = new TabularSchema(source, rows, features, target, kind, classes, encoding,
                    integerCodes);
            LOG.info("Read {}: {} rows, {} features ({} inputs), target '{}' {}{}", source, rows,
                    features.size(), schema.numInputs(), target, kind, classes.isEmpty() ? "" : " " + classes);
            return new TabularData(schema, List.copyOf(cells), classes.isEmpty() ? null : codes(targets, classes),
                    classes.isEmpty() ? targets.values() : null, read.lines(), missingValues);
        }

        /**
         * Distinct spellings of numbers kept per column before a categorical reading needs a second
         * read: a target needs {@link TabularSchema#MAX_INTEGER_CODES} (+1, to know there are more)
         * to tell integer class codes; a feature read as numbers needs none, so only columns
         * declared categorical (all kept) or a classification target past that count are read twice.
         */
        static final int SPELLINGS_KEPT = TabularSchema.MAX_INTEGER_CODES + 1;

        /** The file's columns, read once: the features in file order, the target, each row's line. */
        private record Columns(List<String> header, int[] featureIndices, ColumnBuffer[] features,
                ColumnBuffer target, int[] lines, int targetIndex) {
        }

        private Columns read(CsvReader in) {
            List<String> header = in.header();
            int targetIndex = header.indexOf(target);
            int[] featureIndices = IntStream.range(0, header.size())
                    .filter(c -> c != targetIndex && !ignored.contains(header.get(c))).toArray();
            ColumnBuffer[] features = new ColumnBuffer[featureIndices.length];
            for (int i = 0; i < features.length; i++) {
                features[i] = new ColumnBuffer(categorical.contains(header.get(featureIndices[i])) ? Integer.MAX_VALUE : 0);
            }
            boolean classes = categorical.contains(target) || (targetKind != null && targetKind.isClassification());
            ColumnBuffer targets = new ColumnBuffer(classes ? Integer.MAX_VALUE : SPELLINGS_KEPT);
            Set<String> missing = Set.copyOf(missingValues);
            IntList lines = new IntList();
            int total = 0;
            for (String[] row = in.nextRow(); row != null; row = in.nextRow()) {
                total++;
                String value = row[targetIndex];
                boolean targetMissing = missing.contains(value);
                if (targetMissing && dropRowsWithoutTarget) {
                    continue;
                }
                for (int i = 0; i < features.length; i++) {
                    String token = row[featureIndices[i]];
                    features[i].add(token, in.line(), missing.contains(token));
                }
                targets.add(value, in.line(), targetMissing);
                lines.add(in.line());
            }
            if (total == 0) {
                throw CsvTable.noDataRows(source);
            }
            if (lines.size() == 0) {
                throw DataLoadException.of("CSV " + source + " target '" + target + "' is missing in all " + total
                        + " rows; fix: choose another target column with ", TableSetting.TARGET.with(null));
            }
            if (lines.size() < total) {
                LOG.info("{}: dropped {} row(s) without a value for target '{}'", source, total - lines.size(), target);
            }
            return new Columns(header, featureIndices, features, targets, lines.toArray(), targetIndex);
        }

        /** Reads the file again for the spellings of numbers in {@code columns} that the first read did not keep. */
        private void spellAgain(Columns read, List<ColumnBuffer> columns) {
            LOG.info("{}: reading the file again for the numbers of {} column(s) read as categories", source,
                    columns.size());
            Set<String> missing = Set.copyOf(missingValues);
            int kept = 0;
            try (CsvReader in = reader.apply(format)) {
                for (String[] row = in.nextRow(); row != null; row = in.nextRow()) {
                    if (dropRowsWithoutTarget && missing.contains(row[read.targetIndex()])) {
                        continue;
                    }
                    if (kept >= read.lines().length || in.line() != read.lines()[kept] || !in.header().equals(read.header())) {
                        throw changed();
                    }
                    for (ColumnBuffer column : columns) {
                        if (column.needsSpelling(kept)) {
                            int c = column == read.target() ? read.targetIndex()
                                    : read.featureIndices()[Arrays.asList(read.features()).indexOf(column)];
                            column.fillSpelling(kept, row[c], in.line());
                        }
                    }
                    kept++;
                }
            }
            if (kept != read.lines().length) {
                throw changed();
            }
            columns.forEach(ColumnBuffer::spellingsFilled);
        }

        private DataLoadException changed() {
            return new DataLoadException("CSV " + source + " changed while it was read; fix: read it again once "
                    + "nothing writes to it");
        }

        private void checkColumns(List<String> header) {
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

        /** The kind of a feature column (levels filled in later by {@link #levels}), or the error its values call for. */
        private ColumnSchema inferColumn(String name, ColumnBuffer column) {
            int present = column.size() - column.missing();
            if (present == 0) {
                throw DataLoadException.of("CSV " + source + " column '" + name + "' has no value in any of its "
                        + column.size() + " rows; fix: drop it with ", TableSetting.IGNORE.with(name));
            }
            int numbers = column.numbers();
            boolean isNumeric = numeric.contains(name) || (!categorical.contains(name) && numbers == present);
            if (isNumeric) {
                if (column.firstNonDecimal() != null) {
                    TabularTransform.numeric(column.firstNonDecimal(), name,
                            "CSV " + source + " line " + column.firstNonDecimalLine());
                }
                return new ColumnSchema(name, ColumnKind.NUMERIC, List.of(), column.missing());
            }
            if (!categorical.contains(name) && numbers > MOSTLY_NUMERIC * present) {
                throw mostlyNumeric(name, present - numbers, present, words(column));
            }
            return new ColumnSchema(name, ColumnKind.CATEGORICAL, List.of(), column.missing());
        }

        /** {@code column} with its levels: the distinct values in level order, then the missing level if any. */
        private static ColumnSchema levels(ColumnSchema column, ColumnBuffer values) {
            if (column.kind() == ColumnKind.NUMERIC) {
                return column;
            }
            List<String> all = new ArrayList<>(sortedLevels(values));
            if (column.missing() > 0) {
                all.add(ColumnSchema.MISSING_LEVEL);
            }
            return new ColumnSchema(column.name(), column.kind(), all, column.missing());
        }

        /** The distinct values of a column whose spellings are all kept, in level order. */
        private static List<String> sortedLevels(ColumnBuffer column) {
            return column.spellings().stream().sorted(LEVEL_ORDER).toList();
        }

        /** Each row's index among {@code levels} (a missing value: the last level). */
        private static int[] codes(ColumnBuffer column, List<String> levels) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < levels.size(); i++) {
                index.put(levels.get(i), i);
            }
            int[] remap = column.spellings().stream().mapToInt(index::get).toArray();
            return column.codes(remap, levels.size() - 1);
        }

        /** The values of a column that are neither numbers nor missing, with the line each is first on. */
        private static Map<String, Integer> words(ColumnBuffer column) {
            Map<String, Integer> words = new LinkedHashMap<>();
            for (int code = 0; code < column.spellings().size(); code++) {
                String value = column.spellings().get(code);
                if (!Numbers.isDecimal(value) && !Numbers.isNonFinite(value)) {
                    words.put(value, column.firstLine(code));
                }
            }
            return words;
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

        private TargetKind targetKind(ColumnBuffer targets) {
            boolean isNumeric = words(targets).isEmpty() && !categorical.contains(target);
            List<String> distinct = targets.spellingsDropped() ? null : sortedLevels(targets);
            if (distinct != null && distinct.size() < BINARY_CLASSES) {
                throw new DataLoadException("CSV " + source + " target '" + target + "' has a single "
                        + (isNumeric ? "value" : "class") + " '" + distinct.get(0) + "' in all " + targets.size()
                        + " rows; fix: a model needs at least two classes (or varying values): check the target "
                        + "column and the file");
            }
            boolean twoValues = distinct != null && distinct.size() == BINARY_CLASSES;
            TargetKind kind = targetKind != null ? targetKind
                    : twoValues ? TargetKind.BINARY
                    : isNumeric || numeric.contains(target) ? TargetKind.REGRESSION : TargetKind.MULTICLASS;
            if (kind == TargetKind.REGRESSION && targets.firstNonDecimal() != null) {
                TabularTransform.numeric(targets.firstNonDecimal(), target,
                        "CSV " + source + " line " + targets.firstNonDecimalLine());
            }
            if (kind == TargetKind.BINARY && !twoValues) {
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
        private static List<String> integerCodes(ColumnBuffer targets) {
            if (targets.spellingsDropped() || targets.spellings().size() > TabularSchema.MAX_INTEGER_CODES
                    || !targets.spellings().stream()
                    .allMatch(v -> Numbers.isDecimal(v) && Numbers.parse(v) == Math.rint(Numbers.parse(v)))) {
                return List.of();
            }
            int[] counts = new int[targets.spellings().size()];
            for (int code : targets.codes(Rows.range(counts.length), -1)) {
                counts[code]++;
            }
            boolean examples = Arrays.stream(counts).allMatch(n -> n >= TabularSchema.MIN_ROWS_PER_CODE);
            return examples ? sortedLevels(targets) : List.of();
        }
    }
}
