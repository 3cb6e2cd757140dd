package io.github.dl4jrecipes.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.dl4jrecipes.core.data.CsvFormat;
import io.github.dl4jrecipes.core.data.CsvTable;
import io.github.dl4jrecipes.recipes.tabular.TabularModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command on a tiny generated table: exit codes, outputs and error messages. */
class Dl4jRecipesTest {

    @TempDir
    static Path dir;
    static Path table;
    static Path model;

    /** The label is "yes" exactly when x1 > 0; color and x2 are noise; x2 has missing values. */
    static Path tinyTable(Path file, int rows, long seed, boolean withLabel, String unseenColor) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add(withLabel ? "x1,x2,color,label" : "x1,x2,color");
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextGaussian();
            String x2 = i % 7 == 0 ? "NA" : String.format(Locale.ROOT, "%.3f", random.nextGaussian());
            String color = unseenColor != null && i == 0 ? unseenColor : (i % 2 == 0 ? "red" : "blue");
            String row = String.format(Locale.ROOT, "%.3f,%s,%s", x1, x2, color);
            lines.add(withLabel ? row + "," + (x1 > 0 ? "yes" : "no") : row);
        }
        return Files.write(file, lines);
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dl4jRecipes.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs the command line and returns the warnings the library logged meanwhile. */
    static List<String> warningsOf(String... args) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            Run run = run(args);
            assertEquals(Dl4jRecipes.OK, run.code(), run.err());
        } finally {
            root.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Column x of a CSV file read back. */
    static List<String> column(CsvTable table, String name) {
        return table.rows().stream().map(r -> r[table.indexOf(name)]).toList();
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        table = tinyTable(dir.resolve("tiny.csv"), 120, 1, true, null);
        model = dir.resolve("model");
        Run train = run("train", "tabular", "--csv", table.toString(), "--target", "label", "--output",
                model.toString(), "--epochs", "40", "--max-lr", "0.03");
        assertEquals(Dl4jRecipes.OK, train.code(), train.err());
        assertTrue(train.out().contains("recipe tabular-classifier"), train.out());
        assertTrue(train.out().contains("test accuracy"), train.out());
    }

    @Test
    void activationPicksARungOfTheLadderAndAnUnknownNameIsAUsageError() {
        Run elu = run("train", "tabular", "--csv", table.toString(), "--target", "label", "--output",
                dir.resolve("elu").toString(), "--epochs", "2", "--max-lr", "0.03", "--activation", "elu");
        assertEquals(Dl4jRecipes.OK, elu.code(), elu.err());
        assertTrue(elu.out().contains("ELU"), "the card shows the activation: " + elu.out());
        Run bad = run("train", "tabular", "--csv", table.toString(), "--target", "label", "--output",
                dir.resolve("swish").toString(), "--activation", "swish");
        assertEquals(Dl4jRecipes.USAGE, bad.code());
        assertTrue(bad.err().contains("--activation must be one of [selu, elu, leakyrelu, relu, tanh], got 'swish'"),
                bad.err());
        assertFalse(Files.exists(dir.resolve("swish")));
    }

    @Test
    void trainWritesTheWholeModelFolder() {
        for (String file : List.of(TabularModel.MODEL, "model.card.json", "model.history.json", TabularModel.TRANSFORM,
                TabularModel.RECIPE, "history.csv", "history.png")) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file);
        }
    }

    @Test
    void predictAppendsPredictionsAndProbabilities() throws IOException {
        Path input = tinyTable(dir.resolve("new.csv"), 30, 2, false, null);
        Path output = dir.resolve("predictions.csv");
        Run predict = run("predict", "tabular", "--model", model.toString(), "--csv", input.toString(), "--output",
                output.toString());
        assertEquals(Dl4jRecipes.OK, predict.code(), predict.err());
        CsvTable rows = CsvTable.read(output, CsvFormat.DEFAULT);
        assertEquals(List.of("x1", "x2", "color", "predicted_label", "probability_yes"), rows.header());
        assertEquals(30, rows.size());
        long right = rows.rows().stream().filter(r -> (Double.parseDouble(r[0]) > 0) == r[3].equals("yes")).count();
        assertTrue(right >= 25, right + " of 30 right");
        assertTrue(predict.err().isEmpty(), predict.err());
    }

    @Test
    void unseenCategoryIsPredictedWithAWarning() throws IOException {
        Path input = tinyTable(dir.resolve("unseen.csv"), 10, 3, false, "green");
        Path output = dir.resolve("unseen-predictions.csv");
        List<String> warnings = warningsOf("predict", "tabular", "-m", model.toString(), "--csv", input.toString(),
                "-o", output.toString());
        assertEquals(List.of("CSV " + input + ": column 'color': 1 row(s) hold level(s) never seen in training "
                + "{green=1}; they are encoded as <unknown> (known levels: [blue, red])"), warnings);
        assertEquals(10, CsvTable.read(output, CsvFormat.DEFAULT).size());
    }

    @Test
    void csvMissingATrainingColumnFailsWithoutStackTraceOrOutput() throws IOException {
        Path input = Files.write(dir.resolve("no-x2.csv"), List.of("x1,color", "0.5,red"));
        Path output = dir.resolve("never.csv");
        Run predict = run("predict", "tabular", "--model", model.toString(), "--csv", input.toString(), "--output",
                output.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, predict.code());
        assertTrue(predict.err().startsWith("error: CSV " + input + " lacks the column(s) [x2] the model was trained "
                + "on; its columns are [x1, color]; fix:"), predict.err());
        assertFalse(predict.err().contains("\tat "), predict.err());
        assertFalse(Files.exists(output));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
        Run debug = run("predict", "tabular", "--model", model.toString(), "--csv", input.toString(), "--output",
                output.toString(), "--debug");
        assertEquals(Dl4jRecipes.BAD_INPUT, debug.code());
        assertTrue(debug.err().contains("\tat io.github.dl4jrecipes"), debug.err());
    }

    @Test
    void evaluatePrintsTheMetricOnLabelledRows() throws IOException {
        Path labelled = tinyTable(dir.resolve("labelled.csv"), 40, 4, true, null);
        Run evaluate = run("evaluate", "tabular", "--model", model.toString(), "--csv", labelled.toString());
        assertEquals(Dl4jRecipes.OK, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().matches("accuracy (0\\.[89]\\d{3}|1\\.0000) on 40 rows\\R"
                + "f1 \\d\\.\\d{4} on 40 rows\\Rmcc -?\\d\\.\\d{4} on 40 rows\\R"), evaluate.out());
        Run unlabelled = run("evaluate", "tabular", "--model", model.toString(), "--csv",
                tinyTable(dir.resolve("unlabelled.csv"), 5, 5, false, null).toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, unlabelled.code());
        assertTrue(unlabelled.err().contains("has no target column 'label'"), unlabelled.err());
    }

    @Test
    void lrFindWritesTheCurveAndSuggests() {
        Path out = dir.resolve("lr");
        Run lr = run("lr-find", "tabular", "--csv", table.toString(), "--target", "label", "--output", out.toString());
        assertEquals(Dl4jRecipes.OK, lr.code(), lr.err());
        assertTrue(lr.out().startsWith("suggested peak LR "), lr.out());
        assertTrue(Files.isRegularFile(out.resolve(LrFindOutput.CSV)));
        assertTrue(Files.isRegularFile(out.resolve(LrFindOutput.PNG)));
    }

    @Test
    void hardwarePrintsTheReport() {
        Run hardware = run("hardware");
        assertEquals(Dl4jRecipes.OK, hardware.code(), hardware.err());
        assertTrue(hardware.out().toLowerCase(Locale.ROOT).contains("backend"), hardware.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : List.of(new String[] {}, new String[] {"train"}, new String[] {"train", "tabular"},
                new String[] {"lr-find"}, new String[] {"lr-find", "tabular"}, new String[] {"evaluate"},
                new String[] {"evaluate", "tabular"}, new String[] {"predict"}, new String[] {"predict", "tabular"},
                new String[] {"tune"}, new String[] {"tune", "tabular"}, new String[] {"tune", "image"},
                new String[] {"study"}, new String[] {"study", "report"}, new String[] {"study", "leaderboard"},
                new String[] {"hardware"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.add("--help");
            Run help = run(args.toArray(String[]::new));
            assertEquals(Dl4jRecipes.OK, help.code(), String.join(" ", args));
            assertTrue(help.out().startsWith("Usage: dl4j-recipes"), help.out());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        Run groupAlone = run("train");
        assertEquals(Dl4jRecipes.USAGE, groupAlone.code());
        assertTrue(groupAlone.err().contains("'dl4j-recipes train' needs a subcommand, one of [tabular, image, sequence]"),
                groupAlone.err());
        Run unknown = run("predict", "tabular", "--model", "m", "--csv", "c", "--output", "o", "--bogus");
        assertEquals(Dl4jRecipes.USAGE, unknown.code());
        Run missing = run("train", "tabular");
        assertEquals(Dl4jRecipes.USAGE, missing.code());
        assertTrue(missing.err().contains("--output"), missing.err());
    }

    @Test
    void badInputExitsWithOne() {
        Run noTarget = run("train", "tabular", "--csv", table.toString(), "--output", dir.resolve("x").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, noTarget.code());
        assertTrue(noTarget.err().startsWith("error: --target is missing"), noTarget.err());
        Run noModel = run("predict", "tabular", "--model", dir.resolve("nothing").toString(), "--csv",
                table.toString(), "--output", dir.resolve("p.csv").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, noModel.code());
        assertTrue(noModel.err().contains("has no model.zip"), noModel.err());
    }

    @Test
    void tuneWritesTheStudyAndResumesIt() throws IOException {
        Path study = dir.resolve("study");
        String[] args = {"tune", "tabular", "--csv", table.toString(), "--target", "label", "--strategy", "ASHA",
            "--trials", "3", "--max-epochs", "3", "--study", study.toString(), "--seed", "5"};
        Run tune = run(args);
        assertEquals(Dl4jRecipes.OK, tune.code(), tune.err());
        assertTrue(tune.out().contains("recipe tabular-classifier"), tune.out());
        assertTrue(tune.out().contains("best trial"), tune.out());
        for (String file : List.of("study.json", "leaderboard.csv", "leaderboard.json", "report.html")) {
            assertTrue(Files.isRegularFile(study.resolve(file)), file);
        }
        List<String> leaderboard = Files.readAllLines(study.resolve("leaderboard.csv"));
        assertEquals(1 + 3, leaderboard.size(), "header + 3 trials: " + leaderboard);

        Run again = run(args);
        assertEquals(Dl4jRecipes.OK, again.code(), again.err());
        assertEquals(leaderboard, Files.readAllLines(study.resolve("leaderboard.csv")), "a finished study is reused");

        Run other = run("tune", "tabular", "--csv", table.toString(), "--target", "label", "--strategy", "tpe",
                "--trials", "0", "--max-epochs", "3", "--study", dir.resolve("s0").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, other.code());
        assertTrue(other.err().startsWith("error: trials must be >= 1, got 0"), other.err());
        Run badStrategy = run("tune", "tabular", "--strategy", "grid", "--study", dir.resolve("s1").toString());
        assertEquals(Dl4jRecipes.USAGE, badStrategy.code());
        assertTrue(badStrategy.err().contains("unknown strategy 'grid'"), badStrategy.err());
    }

    @Test
    void tuneOffersMultivariateTpeAndCmaEsAndRecordsTheSamplerInTheStudy() throws IOException {
        for (String strategy : new String[] {"mv_tpe", "cmaes"}) {
            Path study = dir.resolve("study-" + strategy);
            Run tune = run("tune", "tabular", "--csv", table.toString(), "--target", "label", "--strategy", strategy,
                    "--trials", "2", "--max-epochs", "1", "--study", study.toString());
            assertEquals(Dl4jRecipes.OK, tune.code(), tune.err());
            String recorded = Files.readString(study.resolve("study.json"));
            assertTrue(recorded.contains(strategy.equals("cmaes") ? "CmaEs" : "ultivariate"), recorded);
        }
    }

    @Test
    void tuneTunesARegressorOnRmseWithTheRecipeAsGivenFirstThenTheQueuedCandidates() throws IOException {
        Path study = dir.resolve("regression-study");
        Run tune = run("tune", "tabular", "--csv", table.toString(), "--target", "x1", "--strategy", "random",
                "--trials", "3", "--max-epochs", "2", "--study", study.toString(),
                "--enqueue", "activation=TANH,batchSize=16");
        assertEquals(Dl4jRecipes.OK, tune.code(), tune.err());
        assertTrue(tune.out().contains("recipe tabular-regressor"), tune.out());
        com.fasterxml.jackson.databind.JsonNode first = io.github.dl4jrecipes.core.train.internal.Json.MAPPER
                .readTree(study.resolve("trials/00001.json").toFile());
        com.fasterxml.jackson.databind.JsonNode second = io.github.dl4jrecipes.core.train.internal.Json.MAPPER
                .readTree(study.resolve("trials/00002.json").toFile());
        assertEquals("AS_GIVEN", first.get("source").asText());
        assertEquals("QUEUED", second.get("source").asText());
        assertEquals("TANH", second.get("params").get("activation").asText());
        assertEquals("16", second.get("params").get("batchSize").asText());
        assertTrue(Files.readString(study.resolve("study.json")).contains("MINIMIZE"), "RMSE is minimised");

        Run malformed = run("tune", "tabular", "--csv", table.toString(), "--target", "x1", "--study",
                dir.resolve("q1").toString(), "--enqueue", "activation");
        assertEquals(Dl4jRecipes.USAGE, malformed.code(), malformed.err());
        assertTrue(malformed.err().contains("--enqueue: 'activation' in 'activation' is not NAME=VALUE"),
                malformed.err());
        Run outside = run("tune", "tabular", "--csv", table.toString(), "--target", "x1", "--study",
                dir.resolve("q2").toString(), "--trials", "1", "--max-epochs", "1", "--enqueue", "activation=SIGMOID");
        assertEquals(Dl4jRecipes.BAD_INPUT, outside.code(), outside.err());
        assertTrue(outside.err().contains("enqueue: activation=SIGMOID is not a value of its space"), outside.err());
    }

    @Test
    void trainRefusesAFolderHoldingOtherFilesBeforeTraining() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("report.html"), "my report");
        Run train = run("train", "tabular", "--csv", table.toString(), "--target", "label", "--output", mine.toString(),
                "--epochs", "2", "--max-lr", "0.03");
        assertEquals(Dl4jRecipes.BAD_INPUT, train.code(), train.err());
        assertTrue(train.err().contains("report.html") && train.err().contains("Fix: choose a new or empty folder"),
                train.err());
        assertFalse(train.out().contains("accuracy"), "refused before training: " + train.out());
        assertEquals(List.of("report.html"), names(mine));
        assertEquals("my report", Files.readString(mine.resolve("report.html")));
    }

    @Test
    void aDamagedModelFolderIsNamedWithExitOne() throws IOException {
        Path copy = copyOfModel("damaged");
        byte[] zip = Files.readAllBytes(copy.resolve("model.zip"));
        Files.write(copy.resolve("model.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        Run predict = run("predict", "tabular", "--model", copy.toString(), "--csv", table.toString(), "--output",
                dir.resolve("damaged.csv").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, predict.code(), predict.err());
        assertTrue(predict.err().startsWith("error: " + copy.resolve("model.zip").toAbsolutePath() + " is damaged"),
                predict.err());
        assertFalse(Files.exists(dir.resolve("damaged.csv")));
    }

    @Test
    void tuneRefusesAFolderThatIsNotAStudy() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("my-results"));
        Files.writeString(mine.resolve("leaderboard.csv"), "mine");
        Run tune = run("tune", "tabular", "--csv", table.toString(), "--target", "label", "--strategy", "ASHA",
                "--trials", "1", "--max-epochs", "1", "--study", mine.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, tune.code(), tune.err());
        assertTrue(tune.err().contains("is not a study (no study.json)") && tune.err().contains("leaderboard.csv"),
                tune.err());
        assertEquals(List.of("leaderboard.csv"), names(mine));
        assertEquals("mine", Files.readString(mine.resolve("leaderboard.csv")));
    }

    @Test
    void aStudyJsonThatIsNotOursExitsWithOne() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other-study"));
        Files.writeString(other.resolve("study.json"), "{\"name\": \"not a study\"}");
        Run tune = run("tune", "tabular", "--csv", table.toString(), "--target", "label", "--strategy", "ASHA",
                "--trials", "1", "--max-epochs", "1", "--study", other.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, tune.code(), tune.err());
        assertTrue(tune.err().contains("study.json is not a dl4j-recipes study file") && tune.err().contains("fix:"),
                tune.err());
    }

    private static Path copyOfModel(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (var files = Files.walk(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(model.relativize(f).toString()));
            }
        }
        return copy;
    }

    private static List<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A barely trained three-class model: its probabilities stay near a third, so on some rows
     * that are right no class reaches 0.5 and only the arg-max decides. The accuracy that evaluate prints must be the share of rows whose
     * predicted column is right.
     */
    @Test
    void evaluateReportsTheAccuracyOfThePredictedColumn() throws IOException {
        Random random = new Random(6);
        List<String> lines = new ArrayList<>(List.of("x,label"));
        for (int i = 0; i < 60; i++) {
            double x = random.nextGaussian();
            lines.add(String.format(Locale.ROOT, "%.3f,%s", x, x < -0.4 ? "low" : x < 0.4 ? "mid" : "high"));
        }
        Path three = Files.write(dir.resolve("three.csv"), lines);
        Path weak = dir.resolve("weak");
        Run train = run("train", "tabular", "--csv", three.toString(), "--target", "label", "--output", weak.toString(),
                "--epochs", "1", "--max-lr", "0.001");
        assertEquals(Dl4jRecipes.OK, train.code(), train.err());
        Path predictions = dir.resolve("three-predictions.csv");
        Run predict = run("predict", "tabular", "--model", weak.toString(), "--csv", three.toString(), "--output",
                predictions.toString());
        assertEquals(Dl4jRecipes.OK, predict.code(), predict.err());
        CsvTable predicted = CsvTable.read(predictions, CsvFormat.DEFAULT);
        List<String> truth = column(predicted, "label");
        List<String> guess = column(predicted, "predicted_label");
        long right = java.util.stream.IntStream.range(0, truth.size()).filter(i -> truth.get(i).equals(guess.get(i)))
                .count();
        List<String> high = column(predicted, "probability_high");
        List<String> low = column(predicted, "probability_low");
        List<String> mid = column(predicted, "probability_mid");
        long rightBelowHalf = java.util.stream.IntStream.range(0, truth.size())
                .filter(i -> truth.get(i).equals(guess.get(i)) && Math.max(Double.parseDouble(high.get(i)),
                        Math.max(Double.parseDouble(low.get(i)), Double.parseDouble(mid.get(i)))) < 0.5)
                .count();
        assertTrue(rightBelowHalf > 0, "some rows are right with no probability at 0.5: " + rightBelowHalf);
        Run evaluate = run("evaluate", "tabular", "--model", weak.toString(), "--csv", three.toString());
        assertEquals(Dl4jRecipes.OK, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().startsWith(String.format(Locale.ROOT, "accuracy %.4f on 60 rows", right / 60.0)),
                right + " of 60 right: " + evaluate.out());
    }

    @Test
    void classifierReadsAnIntegerCodedTargetAsClasses() throws IOException {
        List<String> lines = new ArrayList<>(List.of("x,grade"));
        for (int i = 0; i < 60; i++) {
            lines.add(String.format(Locale.ROOT, "%.1f,%d", (i % 3) + 0.1 * (i % 5), i % 3));
        }
        Path coded = Files.write(dir.resolve("coded.csv"), lines);
        Path out = dir.resolve("coded");
        Run train = run("train", "tabular", "--csv", coded.toString(), "--target", "grade", "--classifier", "--output",
                out.toString(), "--epochs", "5", "--max-lr", "0.03");
        assertEquals(Dl4jRecipes.OK, train.code(), train.err());
        assertTrue(train.out().contains("recipe tabular-classifier") && train.out().contains("test accuracy"),
                train.out());
        assertEquals(List.of("0", "1", "2"), TabularModel.load(out).transform().classes());
        Run numbers = run("train", "tabular", "--csv", coded.toString(), "--target", "grade", "--output",
                dir.resolve("coded-numbers").toString(), "--epochs", "2", "--max-lr", "0.03");
        assertEquals(Dl4jRecipes.OK, numbers.code(), numbers.err());
        assertTrue(numbers.out().contains("recipe tabular-regressor"), "without --classifier a number: " + numbers.out());
        Run tune = run("tune", "tabular", "--csv", coded.toString(), "--target", "grade", "--strategy", "random",
                "--trials", "1", "--max-epochs", "1", "--study", dir.resolve("coded-study").toString());
        assertEquals(Dl4jRecipes.OK, tune.code(), "tuning classifies integer codes too: " + tune.err());
        Run decimals = run("train", "tabular", "--csv", table.toString(), "--target", "x1", "--classifier", "--output",
                dir.resolve("decimals").toString());
        assertEquals(Dl4jRecipes.USAGE, decimals.code());
        assertTrue(decimals.err().contains("--classifier: target 'x1' holds numbers that are not integer class codes"),
                decimals.err());
    }

    /** Writes a table of 40 rows: x1 and a size column that is a number except at the given rows. */
    static Path sizes(String name, char delimiter, java.nio.charset.Charset charset, Map<Integer, String> odd)
            throws IOException {
        StringBuilder text = new StringBuilder("x1" + delimiter + "size" + delimiter + "label\n");
        for (int i = 0; i < 40; i++) {
            text.append(i % 5).append(delimiter).append(odd.getOrDefault(i, String.valueOf(i))).append(delimiter)
                    .append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        return Files.write(dir.resolve(name), text.toString().getBytes(charset));
    }

    static Run trainQuickly(Path csv, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "tabular", "--csv", csv.toString(), "--target", "label",
                "--output", dir.resolve("quick-" + csv.getFileName()).toString(), "--epochs", "1", "--max-lr", "0.01"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void errorsNameTheCommandLineOptionsThatFixThem() throws IOException {
        Path semicolons = sizes("semicolons.csv", ';', java.nio.charset.StandardCharsets.UTF_8, Map.of());
        Run single = trainQuickly(semicolons);
        assertEquals(Dl4jRecipes.BAD_INPUT, single.code());
        assertTrue(single.err().contains("set it with --delimiter ';'") && single.err().contains("to --target <column>")
                && !single.err().contains(".delimiter("), single.err());
        assertEquals(Dl4jRecipes.OK, trainQuickly(semicolons, "--delimiter", ";").code());

        Path typos = sizes("typos.csv", ',', java.nio.charset.StandardCharsets.UTF_8, Map.of(3, "\"1,5\"", 8, "big"));
        Run mostlyNumbers = trainQuickly(typos);
        assertEquals(Dl4jRecipes.BAD_INPUT, mostlyNumbers.code());
        assertTrue(mostlyNumbers.err().startsWith("error: CSV " + typos + " column 'size' holds numbers but 2 of its 40 "
                + "values are not: '1,5' (line 5), 'big' (line 10)"), mostlyNumbers.err());
        assertTrue(mostlyNumbers.err().contains("or declare the column categorical with --categorical size\n")
                || mostlyNumbers.err().contains("or declare the column categorical with --categorical size\r\n"),
                mostlyNumbers.err());
        assertEquals(Dl4jRecipes.OK, trainQuickly(typos, "--categorical", "size").code());
        Run declared = trainQuickly(typos, "--numeric", "size");
        assertEquals(Dl4jRecipes.BAD_INPUT, declared.code());
        assertTrue(declared.err().contains("line 5, column 'size': value '1,5' is not a number"), declared.err());

        Path latin1 = sizes("latin1.csv", ',', java.nio.charset.StandardCharsets.ISO_8859_1, Map.of(6, "gr\u00f6\u00df"));
        Run encoding = trainQuickly(latin1, "--categorical", "size");
        assertEquals(Dl4jRecipes.BAD_INPUT, encoding.code());
        assertTrue(encoding.err().contains(latin1 + " line 8 is not valid UTF-8")
                && encoding.err().contains("with --encoding ISO-8859-1"), encoding.err());
        assertEquals(Dl4jRecipes.OK, trainQuickly(latin1, "--categorical", "size", "--encoding", "ISO-8859-1").code());
        assertEquals(Dl4jRecipes.USAGE, trainQuickly(latin1, "--encoding", "no-such-charset").code());
    }

    @Test
    void predictNamesTheTrainingOptionForAFixItDoesNotHave() throws IOException {
        Path input = Files.write(dir.resolve("word-in-x2.csv"), List.of("x1,x2,color", "0.5,high,red"));
        Run predict = run("predict", "tabular", "--model", model.toString(), "--csv", input.toString(), "--output",
                dir.resolve("never2.csv").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, predict.code());
        assertTrue(predict.err().contains("line 2, column 'x2': value 'high' is not a number")
                && predict.err().contains("'dl4j-recipes train tabular --categorical x2'"), predict.err());
        Path semicolons = Files.write(dir.resolve("predict-semicolons.csv"), List.of("x1;x2;color", "0.5;NA;red"));
        Run withDelimiter = run("predict", "tabular", "--model", model.toString(), "--csv", semicolons.toString(),
                "--delimiter", ";", "--output", dir.resolve("semicolon-predictions.csv").toString());
        assertEquals(Dl4jRecipes.OK, withDelimiter.code(), withDelimiter.err());
    }

    @Test
    void predictMatchesColumnsByNameAndRefusesARepeatedHeaderName() throws IOException {
        Path input = tinyTable(dir.resolve("ordered.csv"), 12, 7, false, null);
        List<String> lines = Files.readAllLines(input);
        List<String> reordered = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            reordered.add(String.join(",", f[2], "extra", f[1], f[0]));
        }
        Path shuffled = Files.write(dir.resolve("shuffled.csv"), reordered);
        Path first = dir.resolve("ordered-predictions.csv");
        Path second = dir.resolve("shuffled-predictions.csv");
        assertEquals(Dl4jRecipes.OK, run("predict", "tabular", "-m", model.toString(), "--csv", input.toString(), "-o",
                first.toString()).code());
        assertEquals(Dl4jRecipes.OK, run("predict", "tabular", "-m", model.toString(), "--csv", shuffled.toString(),
                "-o", second.toString()).code());
        CsvTable a = CsvTable.read(first, CsvFormat.DEFAULT);
        CsvTable b = CsvTable.read(second, CsvFormat.DEFAULT);
        assertEquals(column(a, "probability_yes"), column(b, "probability_yes"));
        assertEquals(List.of("color", "extra", "x2", "x1", "predicted_label", "probability_yes"), b.header());

        Path twice = Files.write(dir.resolve("twice.csv"), List.of("x1,x2,color,x2", "0.5,1.0,red,2.0"));
        Path output = dir.resolve("twice-predictions.csv");
        Run repeated = run("predict", "tabular", "-m", model.toString(), "--csv", twice.toString(), "-o",
                output.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, repeated.code());
        assertTrue(repeated.err().startsWith("error: CSV " + twice + " line 1: the header names column 'x2' twice "
                + "(columns 2 and 4); fix: give every column a distinct name"), repeated.err());
        assertFalse(Files.exists(output));
    }
}
