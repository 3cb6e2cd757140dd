package io.github.dl4jrecipes.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class TabularDataTest {

    @TempDir
    Path tmp;

    private Path csv(String... lines) throws IOException {
        Path file = tmp.resolve("t" + System.nanoTime() + ".csv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void penguinsHasTheRightKindsFillsMissingValuesAndIsThreeClass() {
        TabularData penguins = TabularData.penguins();
        TabularSchema schema = penguins.schema();
        assertEquals(344, penguins.numRows());
        assertEquals(TargetKind.MULTICLASS, schema.targetKind());
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), schema.classes());
        assertEquals(3, schema.numOutputs());
        assertEquals(ColumnKind.CATEGORICAL, schema.column("island").orElseThrow().kind());
        assertEquals(List.of("Biscoe", "Dream", "Torgersen"), schema.column("island").orElseThrow().levels());
        ColumnSchema sex = schema.column("sex").orElseThrow();
        assertEquals(ColumnKind.CATEGORICAL, sex.kind());
        assertEquals(List.of("female", "male", ColumnSchema.MISSING_LEVEL), sex.levels());
        assertEquals(11, sex.missing());
        for (String numeric : List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")) {
            ColumnSchema column = schema.column(numeric).orElseThrow();
            assertEquals(ColumnKind.NUMERIC, column.kind(), numeric);
            assertEquals(2, column.missing(), numeric);
            assertTrue(column.hasIndicator(), numeric);
        }
        assertEquals(ColumnKind.NUMERIC, schema.column("year").orElseThrow().kind());
        assertFalse(schema.column("year").orElseThrow().hasIndicator());
        // 4 numeric × (value + _na) + year + island (3 + unknown) + sex (female, male, missing + unknown)
        assertEquals(17, schema.numInputs());

        TabularSplit split = penguins.split(0.8, 42);
        DataSet train = split.train();
        assertEquals(17, train.getFeatures().size(1));
        assertEquals(344, train.numExamples() + split.valid().numExamples());
        assertFalse(train.getFeatures().isNaN().any(), "no NaN after filling");
        assertFalse(split.valid().getFeatures().isNaN().any(), "no NaN after filling");
        List<String> names = split.transform().featureNames();
        int na = names.indexOf("bill_length_mm_na");
        assertEquals(2, train.getFeatures().getColumn(na).sumNumber().intValue()
                + split.valid().getFeatures().getColumn(na).sumNumber().intValue(), "the two NA rows are flagged");
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), train.getLabelNamesList());
        assertTrue(split.split().stratified());
    }

    @Test
    void missingNumericGetsTheTrainingMedianAndAnIndicator() throws IOException {
        Path file = csv("x,c,y", "1,a,p", "2,b,q", "NA,,p", "10,a,q", "4,b,p", "100,a,q");
        TabularData data = TabularData.fromCsv(file).target("y").build();
        TabularTransform t = data.fit(new int[] {0, 1, 2, 3});
        NumericStats stats = t.columns().get(0).stats();
        assertEquals(2.0, stats.median(), "median of 1, 2, 10 (training rows only)");
        assertEquals((1 + 2 + 2 + 10) / 4.0, stats.mean(), 1e-12, "mean after filling, training rows only");
        assertEquals(List.of("x", "x_na", "c=a", "c=b", "c=<missing>", "c=<unknown>"), t.featureNames());
        INDArray row = data.encode(t).getFeatures().getRow(2);
        assertEquals(stats.standardize(2.0), row.getDouble(0), 1e-6);
        assertEquals(1.0, row.getDouble(1));
        assertEquals(1.0, row.getDouble(4), "empty categorical value takes the missing level");
    }

    @Test
    void trainingFeaturesAreStandardizedWithTrainingStatisticsOnly() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            text.append(i * i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path file = tmp.resolve("squares.csv");
        Files.writeString(file, text);
        TabularSplit split = TabularData.fromCsv(file).target("y").build().split(0.7, 3);
        INDArray x = split.train().getFeatures().getColumn(0);
        assertEquals(0.0, x.meanNumber().doubleValue(), 1e-5);
        assertEquals(1.0, x.stdNumber().doubleValue() * Math.sqrt(69.0 / 70.0), 1e-4, "population std 1 on train");
        assertTrue(Math.abs(split.valid().getFeatures().getColumn(0).meanNumber().doubleValue()) > 1e-3,
                "validation rows are scaled with the training statistics, not their own");
    }

    @Test
    void overridesAndIndexEncodingForEmbeddings() throws IOException {
        Path file = csv("id,zip,size,label", "1,10115,3.5,a", "2,80331,NA,b", "3,10115,2.5,c", "4,20095,1,a");
        TabularData data = TabularData.fromCsv(file).target("label").ignore("id").categorical("zip")
                .encoding(CategoricalEncoding.INDEX).build();
        ColumnSchema zip = data.schema().column("zip").orElseThrow();
        assertEquals(List.of("10115", "20095", "80331"), zip.levels());
        assertEquals(4, zip.cardinality(), "3 levels + unknown: the embedding's nIn");
        assertTrue(data.schema().column("id").isEmpty());
        TabularTransform t = data.fitAll();
        assertEquals(List.of("zip", "size", "size_na"), t.featureNames());
        INDArray features = data.encode(t).getFeatures();
        assertArrayEquals(new float[] {0, 2, 0, 1}, features.getColumn(0).toFloatVector());
        INDArray unknown = t.features(List.of(Map.of("zip", "99999", "size", "2")));
        assertEquals(3f, unknown.getFloat(0, 0), "unseen level → the unknown index");
    }

    @Test
    void taskIsInferredFromTheTargetAndCanBeOverridden() throws IOException {
        TabularData words = TabularData.fromCsv(csv("x,buy", "1,yes", "2,no", "3,yes")).target("buy").build();
        assertEquals(TargetKind.BINARY, words.schema().targetKind());
        assertEquals(List.of("no", "yes"), words.schema().classes());
        assertArrayEquals(new float[] {1, 0, 1}, words.encode(words.fitAll()).getLabels().toFloatVector());

        TabularData bits = TabularData.fromCsv(csv("x,y", "1,0", "2,1", "3,1")).target("y").build();
        assertEquals(TargetKind.BINARY, bits.schema().targetKind());

        Path numbers = csv("x,y", "1,0.5", "2,1.5", "3,7", "4,2");
        TabularData reg = TabularData.fromCsv(numbers).target("y").build();
        assertEquals(TargetKind.REGRESSION, reg.schema().targetKind());
        assertEquals(1, reg.schema().numOutputs());
        assertArrayEquals(new float[] {0.5f, 1.5f, 7f, 2f}, reg.encode(reg.fitAll()).getLabels().toFloatVector());

        TabularData codes = TabularData.fromCsv(csv("x,digit", "1,0", "2,1", "3,2", "4,10"))
                .target("digit").targetKind(TargetKind.MULTICLASS).build();
        assertEquals(List.of("0", "1", "2", "10"), codes.schema().classes(), "numeric classes sort by value");
        assertEquals(4, codes.schema().numOutputs());
    }

    @Test
    void rowsWithoutTargetCanBeDropped() {
        DataLoadException strict = assertThrows(DataLoadException.class,
                () -> TabularData.penguinsCsv().target("sex").build());
        assertTrue(strict.getMessage().contains("line 5, target 'sex': value is missing"), strict.getMessage());
        TabularData sex = TabularData.penguinsCsv().target("sex").dropRowsWithoutTarget().build();
        assertEquals(333, sex.numRows());
        assertEquals(TargetKind.BINARY, sex.schema().targetKind());
        assertEquals(List.of("female", "male"), sex.schema().classes());
        assertEquals(ColumnKind.CATEGORICAL, sex.schema().column("species").orElseThrow().kind());
        TabularSplit split = sex.split(0.8, 1);
        assertEquals(1, split.train().getLabels().size(1));
    }

    @Test
    void transformRoundTripsThroughJsonAndReproducesTrainingEncoding() throws IOException {
        TabularData penguins = TabularData.penguins();
        TabularSplit split = penguins.split(0.8, 7);
        TabularTransform t = split.transform();
        TabularTransform back = TabularTransform.fromJson(t.toJson());
        assertEquals(t, back);
        Path file = tmp.resolve("model/transform.json");
        t.save(file);
        assertEquals(t, TabularTransform.load(file));
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file left");
        }

        Map<String, String> row = new HashMap<>();
        row.put("island", "Torgersen");
        row.put("bill_length_mm", "NA");
        row.put("bill_depth_mm", "18");
        row.put("flipper_length_mm", "195");
        row.put("body_mass_g", "3250");
        row.put("sex", "female");
        row.put("year", "2007");
        row.put("species", "Adelie");
        INDArray x = back.features(List.of(row));
        assertEquals(17, x.size(1));
        List<String> names = back.featureNames();
        assertEquals(1f, x.getFloat(0, names.indexOf("bill_length_mm_na")));
        assertEquals(1f, x.getFloat(0, names.indexOf("island=Torgersen")));
        double median = back.columns().get(1).stats().median();
        assertEquals(back.columns().get(1).stats().standardize(median), x.getDouble(0, names.indexOf("bill_length_mm")),
                1e-6);

        row.put("island", "Atlantis");
        INDArray unknown = back.features(List.of(row));
        assertEquals(1f, unknown.getFloat(0, names.indexOf("island=<unknown>")));
        assertEquals(0f, unknown.getFloat(0, names.indexOf("island=Torgersen")));
    }

    @Test
    void inferenceRowsMustHaveEveryFeature() {
        TabularTransform t = TabularData.penguins().fitAll();
        DataLoadException e = assertThrows(DataLoadException.class, () -> t.features(List.of(Map.of("island", "Dream"))));
        assertTrue(e.getMessage().contains("input row 1 has no column 'bill_length_mm'"), e.getMessage());
        Map<String, String> bad = new HashMap<>();
        t.columns().forEach(c -> bad.put(c.column().name(), "1"));
        bad.put("body_mass_g", "heavy");
        String message = assertThrows(DataLoadException.class, () -> t.features(List.of(bad))).getMessage();
        assertTrue(message.contains("input row 1, column 'body_mass_g': value 'heavy'"), message);
    }

    @Test
    void badJsonIsRejectedClearly() {
        DataLoadException e = assertThrows(DataLoadException.class, () -> TabularTransform.fromJson("{\"formatVersion\": 9}"));
        assertTrue(e.getMessage().contains("not a TabularTransform"), e.getMessage());
    }

    // ---- bad input: each names the file, line and column, and the fix -------------------------

    private DataLoadException fails(TabularData.Builder builder) {
        return assertThrows(DataLoadException.class, builder::build);
    }

    @Test
    void missingTargetColumn() throws IOException {
        Path file = csv("a,b", "1,2");
        String m = fails(TabularData.fromCsv(file).target("species")).getMessage();
        assertTrue(m.contains(file.toString()) && m.contains("no target column 'species'") && m.contains("[a, b]"), m);
        String none = fails(TabularData.fromCsv(file)).getMessage();
        assertTrue(none.contains("fix: name it with .target(...), one of [a, b]"), none);
    }

    @Test
    void raggedRow() throws IOException {
        Path file = csv("a,b,y", "1,2,p", "3,q", "5,6,p");
        String m = fails(TabularData.fromCsv(file).target("y")).getMessage();
        assertTrue(m.contains(file + " line 3 has 2 fields but the header has 3"), m);
    }

    @Test
    void byteOrderMarkAndOtherDelimiters() throws IOException {
        Path excel = tmp.resolve("excel.csv");
        Files.writeString(excel, "\uFEFFy;x\r\np;1\r\nq;2\r\n");
        String hint = fails(TabularData.fromCsv(excel).target("y")).getMessage();
        assertTrue(hint.contains("[y;x]") && hint.contains(".delimiter(';')"), hint);
        TabularData data = TabularData.fromCsv(excel).target("y").delimiter(';').build();
        assertEquals(List.of("p", "q"), data.schema().classes());
        assertEquals(ColumnKind.NUMERIC, data.schema().column("x").orElseThrow().kind());
    }

    @Test
    void goldenJsonStillReads() throws IOException {
        String json = new String(getClass().getResourceAsStream("tabular-transform-v1.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        TabularTransform t = TabularTransform.fromJson(json);
        assertEquals(List.of("size", "size_na", "color=blue", "color=red", "color=<unknown>"), t.featureNames());
        INDArray x = t.features(List.of(Map.of("size", "NA", "color", "green")));
        assertArrayEquals(new float[] {-0.5f, 1f, 0f, 0f, 1f}, x.toFloatVector(), 1e-6f);
        assertEquals(TargetKind.BINARY, t.targetKind());
        assertEquals(json.strip(), t.toJson().strip(), "the layout written today is the version-1 layout");
    }

    @Test
    void quotedDelimitersAreNotRagged() throws IOException {
        Path file = csv("name,x,y", "\"Smith, J\",1,p", "\"Doe, A\",2,q");
        TabularData data = TabularData.fromCsv(file).target("y").build();
        assertEquals(List.of("Doe, A", "Smith, J"), data.schema().column("name").orElseThrow().levels());
    }

    @Test
    void nonNumericValueInAColumnDeclaredNumeric() throws IOException {
        Path file = csv("a,b,y", "1,2,p", "3,oops,q", "5,6,p");
        String m = fails(TabularData.fromCsv(file).target("y").numeric("b")).getMessage();
        assertTrue(m.contains(file + " line 3, column 'b': value 'oops' is not a number"), m);
        assertTrue(m.contains("categorical(\"b\")"), m);
        // without the override: mostly numbers, so the odd value is an error too (not a silent category)
        String inferred = fails(TabularData.fromCsv(file).target("y")).getMessage();
        assertTrue(inferred.contains("column 'b' holds numbers but 1 of its 3 values are not: 'oops' (line 3)"),
                inferred);
    }

    @Test
    void singleClassTarget() throws IOException {
        Path file = csv("a,y", "1,p", "2,p");
        String m = fails(TabularData.fromCsv(file).target("y")).getMessage();
        assertTrue(m.contains("target 'y' has a single class 'p' in all 2 rows"), m);
    }

    @Test
    void nanAndInfinityInFeatures() throws IOException {
        Path nan = csv("a,y", "1,p", "NaN,q");
        String m = fails(TabularData.fromCsv(nan).target("y")).getMessage();
        assertTrue(m.contains(nan + " line 3, column 'a': value 'NaN' is not a finite number"), m);
        assertTrue(m.contains("NA"), m);
        Path inf = csv("a,y", "-Infinity,p", "1,q");
        String m2 = fails(TabularData.fromCsv(inf).target("y")).getMessage();
        assertTrue(m2.contains("line 2, column 'a': value '-Infinity'"), m2);
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "");
        String m = fails(TabularData.fromCsv(empty).target("y")).getMessage();
        assertTrue(m.contains(empty + " is empty: no header row"), m);
        Path header = csv("a,y");
        String m2 = fails(TabularData.fromCsv(header).target("y")).getMessage();
        assertTrue(m2.contains("has a header but no data rows"), m2);
    }

    @Test
    void missingTargetValueAndUnknownOverride() throws IOException {
        Path file = csv("a,y", "1,p", "2,NA", "3,q");
        String m = fails(TabularData.fromCsv(file).target("y")).getMessage();
        assertTrue(m.contains("line 3, target 'y': value is missing"), m);
        Path ok = csv("a,y", "1,p", "2,q");
        String m2 = fails(TabularData.fromCsv(ok).target("y").categorical("b")).getMessage();
        assertTrue(m2.contains("categorical(\"b\")") && m2.contains("no such column"), m2);
    }

    @Test
    void regressionOverrideOnWordsAndBinaryOverrideOnThreeClasses() throws IOException {
        Path file = csv("a,y", "1,p", "2,q", "3,r");
        String m = fails(TabularData.fromCsv(file).target("y").targetKind(TargetKind.REGRESSION)).getMessage();
        assertTrue(m.contains("line 2, column 'y': value 'p' is not a number"), m);
        String m2 = fails(TabularData.fromCsv(file).target("y").targetKind(TargetKind.BINARY)).getMessage();
        assertTrue(m2.contains("has 3 classes but BINARY needs 2"), m2);
    }

    @Test
    void missingFile() {
        Path nowhere = tmp.resolve("nowhere.csv");
        String m = fails(TabularData.fromCsv(nowhere).target("y")).getMessage();
        assertEquals("CSV " + nowhere + " does not exist; fix: check the path", m);
    }

    @Test
    void kFoldFitsOneTransformPerFold() {
        List<TabularSplit> folds = TabularData.penguins().kFold(4, 1);
        assertEquals(4, folds.size());
        int validated = folds.stream().mapToInt(f -> f.valid().numExamples()).sum();
        assertEquals(344, validated);
        assertFalse(folds.get(0).transform().equals(folds.get(1).transform()), "statistics differ per fold");
    }

    // ---- a separate test file, scored with the training transform ------------------------------

    @Test
    void encodeMatchesColumnsByNameWhateverTheirOrder() throws IOException {
        Path train = csv("x,color,y", "1,red,p", "2,blue,q", "3,red,p", "4,blue,q");
        TabularTransform t = TabularData.fromCsv(train).target("y").build().fitAll();
        Path same = csv("x,color,y", "5,blue,q", "0,red,p");
        Path reordered = csv("color,y,note,x", "blue,q,a,5", "red,p,b,0");
        DataSet expected = TabularData.fromCsv(same).target("y").build().encode(t);
        DataSet got = TabularData.fromCsv(reordered).target("y").build().encode(t);
        assertEquals(expected.getFeatures(), got.getFeatures());
        assertEquals(expected.getLabels(), got.getLabels());
        // by hand: x standardized with the training mean 2.5 and std sqrt(1.25); color one-hot [blue, red, <unknown>]
        assertArrayEquals(new float[] {(float) (2.5 / Math.sqrt(1.25)), 1, 0, 0}, got.getFeatures().getRow(0)
                .toFloatVector(), 1e-6f);
    }

    @Test
    void encodeRefusesATableWithoutAFeatureColumnByName() throws IOException {
        TabularTransform t = TabularData.fromCsv(csv("x,color,y", "1,red,p", "2,blue,q")).target("y").build()
                .fitAll();
        Path noColor = csv("x,other,y", "1,a,p", "2,b,q");
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> TabularData.fromCsv(noColor).target("y").build().encode(t));
        assertEquals("CSV " + noColor + " lacks the column(s) [color] the model was trained on; its columns are "
                + "[x, other]; fix: add them (leave a value empty or write NA where it is unknown)", e.getMessage());
    }

    @Test
    void aHeaderNamingAColumnTwiceIsRefusedWithBothPositions() throws IOException {
        Path file = csv("a,b,c,b", "1,2,3,4");
        String m = fails(TabularData.fromCsv(file).target("a")).getMessage();
        assertEquals("CSV " + file + " line 1: the header names column 'b' twice (columns 2 and 4); fix: give every "
                + "column a distinct name", m);
    }

    @Test
    void bytesNotInTheEncodingNameTheirLineAndTheEncodingSetting() throws IOException {
        Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, "city,y\nParis,p\nZ\u00fcrich,q\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String m = fails(TabularData.fromCsv(latin1).target("y")).getMessage();
        assertEquals("CSV " + latin1 + " line 3 is not valid UTF-8 (byte 0xFC); fix: save the file as UTF-8, or read "
                + "it in its own encoding with .encoding(Charset.forName(\"ISO-8859-1\")) (Latin-1; windows-1252 for "
                + "Excel on Windows)", m);
        TabularData data = TabularData.fromCsv(latin1).target("y").encoding(java.nio.charset.StandardCharsets.ISO_8859_1)
                .build();
        assertEquals(List.of("Paris", "Z\u00fcrich"), data.schema().column("city").orElseThrow().levels());
    }

    @Test
    void csvTableWritesQuotedFieldsThatReadBack() throws IOException {
        Path file = tmp.resolve("out/written.csv");
        CsvTable.write(file, List.of("name", "note"), List.of(List.of("a", "x, \"quoted\""), List.of("b", "")));
        CsvTable back = CsvTable.read(file, CsvFormat.DEFAULT);
        assertEquals(List.of("name", "note"), back.header());
        assertArrayEquals(new String[] {"a", "x, \"quoted\""}, back.rows().get(0));
        assertArrayEquals(new String[] {"b", ""}, back.rows().get(1));
        assertArrayEquals(new int[] {2, 3}, back.lines());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void integerTargetsKeepTheirCodesToBeReadAsClasses() throws IOException {
        TabularSchema schema = TabularData.fromCsv(csv("x,y", "1,0", "2,2", "3,1", "4,10", "5,0", "6,2", "7,1", "8,10")).target("y").build().schema();
        assertEquals(TargetKind.REGRESSION, schema.targetKind());
        assertEquals(List.of("0", "1", "2", "10"), schema.integerCodes());
        TabularSchema classes = schema.asClasses();
        assertEquals(TargetKind.MULTICLASS, classes.targetKind());
        assertEquals(List.of("0", "1", "2", "10"), classes.classes());
        INDArray oneHot = schema.classLabels(org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{10}, {1}}));
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 1, 0, 0}, oneHot.reshape(-1).toFloatVector());

        TabularSchema measured = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build()
                .schema();
        assertEquals(List.of(), measured.integerCodes(), "whole grams seen once are measurements, not codes");
        TabularSchema decimals = TabularData.fromCsv(csv("x,y", "1,0.5", "2,2", "3,1")).target("y").build().schema();
        assertEquals(List.of(), decimals.integerCodes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, decimals::asClasses);
        assertTrue(e.getMessage().contains("are not integer class codes"), e.getMessage());
    }

    // ---- numbers with a few other values --------------------------------------------------------

    /** A numeric column of 20 rows, with {@code odd} values at the given 0-based data rows. */
    private Path numbersWith(Map<Integer, String> odd) throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("size,y"));
        for (int r = 0; r < 20; r++) {
            lines.add(odd.getOrDefault(r, String.valueOf(r)) + "," + (r % 2 == 0 ? "p" : "q"));
        }
        return csv(lines.toArray(String[]::new));
    }

    @Test
    void aQuestionMarkIsMissingLikeNa() throws IOException {
        TabularData data = TabularData.fromCsv(numbersWith(Map.of(3, "?", 7, "NA"))).target("y").build();
        ColumnSchema size = data.schema().column("size").orElseThrow();
        assertEquals(ColumnKind.NUMERIC, size.kind());
        assertEquals(2, size.missing());
        assertEquals(2, data.schema().numInputs(), "the value and its _na indicator");
    }

    @Test
    void aFewNonNumbersInANumericColumnFailNamingThemTheirLinesAndBothFixes() throws IOException {
        Path file = numbersWith(Map.of(2, "\"1,5\"", 5, "abc", 9, "abc"));
        DataLoadException e = fails(TabularData.fromCsv(file).target("y"));
        assertEquals("CSV " + file + " column 'size' holds numbers but 3 of its 20 values are not: '1,5' (line 4), "
                + "'abc' (line 7) (a decimal comma: write 1.5, not 1,5); fix: correct them (write NA or leave the field "
                + "empty where a value is unknown), or declare the column categorical with .categorical(\"size\")",
                e.getMessage());
        assertEquals(List.of(TableSetting.CATEGORICAL.with("size")), e.mentions());
        assertTrue(e.message(m -> "--" + m.setting().method() + " " + m.argument()).endsWith("--categorical size"),
                e.message(m -> "--" + m.setting().method() + " " + m.argument()));
        assertEquals(ColumnKind.CATEGORICAL, TabularData.fromCsv(file).target("y").categorical("size").build().schema()
                .column("size").orElseThrow().kind());
    }

    // ---- primitive columns: what a categorical reading needs is kept -----------------------------

    @Test
    void wordsWithAFewNumbersKeepTheNumbersAsWritten() throws IOException {
        Path file = csv("grade,y", "a,p", "1,q", "b,p", "01,q", "c,p", "NA,q");
        TabularData data = TabularData.fromCsv(file).target("y").build();
        ColumnSchema grade = data.schema().column("grade").orElseThrow();
        assertEquals(ColumnKind.CATEGORICAL, grade.kind());
        assertEquals(List.of("01", "1", "a", "b", "c", ColumnSchema.MISSING_LEVEL), grade.levels(),
                "numbers by value, then as written, then words, then missing");
        float[][] expected = new float[6][7];
        int[] level = {2, 1, 3, 0, 4, 5};   // a, 1, b, 01, c, NA
        for (int r = 0; r < 6; r++) {
            expected[r][level[r]] = 1f;
        }
        INDArray x = data.encode(data.fitAll()).getFeatures();
        for (int r = 0; r < 6; r++) {
            assertArrayEquals(expected[r], x.getRow(r).toFloatVector(), "row " + r);
        }
    }

    @Test
    void aTargetOfManyNumbersAndAWordIsClassesAsWritten() throws IOException {
        int numbers = TabularData.Builder.SPELLINGS_KEPT + 20;
        List<String> lines = new java.util.ArrayList<>(List.of("a,y"));
        for (int r = 0; r < numbers; r++) {
            lines.add(r + "," + (r == 7 ? "07" : Integer.toString(r)));
        }
        lines.add("-1,x");
        TabularData data = TabularData.fromCsv(csv(lines.toArray(String[]::new))).target("y").build();
        List<String> classes = data.schema().classes();
        assertEquals(TargetKind.MULTICLASS, data.schema().targetKind());
        assertEquals(numbers + 1, classes.size());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "07", "8"), classes.subList(0, 9));
        assertEquals("x", classes.get(numbers));
        INDArray labels = data.encode(data.fitAll()).getLabels();
        assertEquals(1f, labels.getFloat(7, 7), "row 8 holds '07', class 7");
        assertEquals(1f, labels.getFloat(numbers, numbers), "the last row holds 'x', the last class");
        assertEquals(numbers + 1, labels.sumNumber().intValue(), "one class per row");
    }

    @Test
    void charactersAndBadBytesAcrossTheReadBuffersKeepTheirLines() throws IOException {
        StringBuilder text = new StringBuilder("city,y\n");
        int rows = 30_000;   // ~300 KB: several read buffers, so some 2-byte characters straddle two
        for (int r = 0; r < rows; r++) {
            text.append(r % 2 == 0 ? "Z\u00fcrich,p\n" : "Gen\u00e8ve,q\n");
        }
        Path good = tmp.resolve("good.csv");
        Files.writeString(good, text);
        TabularData data = TabularData.fromCsv(good).target("y").build();
        assertEquals(rows, data.numRows());
        assertEquals(List.of("Gen\u00e8ve", "Z\u00fcrich"), data.schema().column("city").orElseThrow().levels());
        Path bad = tmp.resolve("bad.csv");
        byte[] head = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = "Z\u00fcrich,q\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        Files.write(bad, all);
        String m = fails(TabularData.fromCsv(bad).target("y")).getMessage();
        assertTrue(m.startsWith("CSV " + bad + " line " + (rows + 2) + " is not valid UTF-8 (byte 0xFC)"), m);
    }
}
