package io.github.dl4jrecipes.recipes.tabular;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.dl4jrecipes.core.data.CsvFormat;
import io.github.dl4jrecipes.core.data.DataLoadException;
import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularTransform;
import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.core.train.History;
import io.github.dl4jrecipes.core.train.ModelCard;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.RecipeCard;
import io.github.dl4jrecipes.recipes.RecipeSetting;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tabular model whose network is set by hand: one softmax layer over the standardized {@code x}
 * (training values -1, 0, 1 → ±1.2247) and the one-hot {@code color}, with weights that make the
 * right class the arg-max of every training value while no probability reaches 0.5.
 */
class TabularModelTest {

    @TempDir
    static Path dir;
    static TabularModel model;

    private static Path csv(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    @BeforeAll
    static void handMadeModel() throws IOException {
        Path train = csv("train.csv", "x,color,y", "-1,red,a", "0,blue,b", "1,red,c");
        TabularTransform transform = TabularData.fromCsv(train).target("y").build().fitAll();
        assertEquals(List.of("x", "color=blue", "color=red", "color=<unknown>"), transform.featureNames());
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", Nd4j.createFromArray(new float[][] {
            {-0.5f, 0, 0.5f}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}}));
        net.getLayer(0).setParam("b", Nd4j.createFromArray(new float[][] {{0, 0.5f, 0}}));
        History history = History.empty("ACCURACY", true).withEpoch(new EpochRecord(1, 1, 0.5, 1, 0.5, 1e-3, 1, 1));
        ModelCard card = new ModelCard("MultiLayerNetwork", 1, "hand-made", Map.of(), List.of(), 15, "test", "test",
                "test", "test", "test", "test");
        model = new TabularModel(new TrainedModel<>(net, history, card, null), transform,
                new RecipeCard("hand-made", List.of(RecipeSetting.of("weights", "by hand", RecipeSetting.USER))));
    }

    @Test
    void evaluateScoresTheArgMaxThatPredictReportsEvenBelowHalf() throws IOException {
        Path labelled = csv("labelled.csv", "x,color,y", "-1,red,a", "0,blue,b", "1,red,c", "1,blue,a");
        TabularPredictions predictions = model.predict(labelled);
        assertEquals(List.of("a", "b", "c", "c"), predictions.predicted());
        assertTrue(predictions.outputs().maxNumber().doubleValue() < 0.5, "no probability reaches 0.5");
        TabularEvaluation evaluation = model.evaluate(labelled);
        assertEquals(List.of(Metric.ACCURACY, Metric.F1), List.copyOf(evaluation.metrics().keySet()));
        assertEquals(0.75, evaluation.value(Metric.ACCURACY), 1e-12);
        // macro F1: a 2/3 (1 TP, 1 FN), b 1, c 2/3 (1 TP, 1 FP)
        assertEquals(7.0 / 9, evaluation.value(Metric.F1), 1e-6);
        assertEquals(4, evaluation.rows());
        assertTrue(evaluation.toString().startsWith("accuracy 0.7500 on 4 rows"), evaluation.toString());
    }

    @Test
    void columnsAreMatchedByNameInAnyOrderAndExtraColumnsAreKeptButUnused() throws IOException {
        Path inOrder = csv("in-order.csv", "x,color", "-1,red", "0,blue", "1,red");
        Path shuffled = csv("shuffled.csv", "note,color,x", "first,red,-1", "second,blue,0", "third,red,1");
        TabularPredictions expected = model.predict(inOrder);
        TabularPredictions got = model.predict(shuffled);
        assertEquals(expected.outputs(), got.outputs());
        assertEquals(List.of("a", "b", "c"), got.predicted());
        assertEquals(List.of("note", "color", "x", "predicted_y", "probability_a", "probability_b", "probability_c"),
                got.header());
        assertEquals(List.of("second", "blue", "0", "b"), got.table().get(1).subList(0, 4));
    }

    @Test
    void missingAndRepeatedColumnsAreRefusedByName() throws IOException {
        Path noColor = csv("no-color.csv", "x,shade", "1,red");
        DataLoadException missing = assertThrows(DataLoadException.class, () -> model.predict(noColor));
        assertEquals("CSV " + noColor + " lacks the column(s) [color] the model was trained on; its columns are "
                + "[x, shade]; fix: add them (leave a value empty or write NA where it is unknown)", missing.getMessage());
        Path twice = csv("twice.csv", "x,color,x", "1,red,2");
        DataLoadException repeated = assertThrows(DataLoadException.class, () -> model.predict(twice));
        assertEquals("CSV " + twice + " line 1: the header names column 'x' twice (columns 1 and 3); fix: give every "
                + "column a distinct name", repeated.getMessage());
        Path unlabelled = csv("unlabelled.csv", "x,color", "1,red");
        DataLoadException noTarget = assertThrows(DataLoadException.class, () -> model.evaluate(unlabelled));
        assertTrue(noTarget.getMessage().startsWith("CSV " + unlabelled + " has no target column 'y'"),
                noTarget.getMessage());
    }

    @Test
    void aFileWithAnotherDelimiterIsToldWhichSettingReadsIt() throws IOException {
        Path semicolons = csv("semicolons.csv", "x;color;y", "1;red;a");
        DataLoadException predict = assertThrows(DataLoadException.class, () -> model.predict(semicolons));
        assertTrue(predict.getMessage().contains("lacks the column(s) [x, color]"), predict.getMessage());
        assertTrue(predict.getMessage().contains(".delimiter(';')"), predict.getMessage());
        DataLoadException evaluate = assertThrows(DataLoadException.class, () -> model.evaluate(semicolons));
        assertTrue(evaluate.getMessage().contains("has no target column 'y'"), evaluate.getMessage());
        assertTrue(evaluate.getMessage().contains(".delimiter(';')"), evaluate.getMessage());
        assertEquals(1, model.predict(semicolons, CsvFormat.DEFAULT.withDelimiter(';')).size(), "read with ';' it predicts");
    }

    @Test
    void unseenLevelsAreWarnedOncePerColumnWithTheirCounts() throws IOException {
        Path unseen = csv("unseen.csv", "x,color", "0,green", "1,pink", "-1,green", "0,red");
        Logger logger = (Logger) LoggerFactory.getLogger(TabularTransform.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertEquals(4, model.predict(unseen).size());
        } finally {
            logger.detachAppender(appender);
        }
        List<String> warnings = appender.list.stream()
                .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertEquals(List.of("CSV " + unseen + ": column 'color': 3 row(s) hold level(s) never seen in training "
                + "{green=2, pink=1}; they are encoded as <unknown> (known levels: [blue, red])"), warnings);
    }

    @Test
    void rowsGivenAsMapsArePredictedLikeAFile() {
        Map<String, String> row = new HashMap<>();
        row.put("color", null);
        row.put("x", "1");
        TabularPredictions p = model.predict(List.of(row, Map.of("x", "-1", "color", "red")));
        assertEquals(List.of("c", "a"), p.predicted());
        assertEquals(List.of("x", "color"), p.columns());
        assertThrows(DataLoadException.class, () -> model.predict(List.of()));
    }

    @Test
    void aSavedFolderLoadsBackAndPredictsTheSame() throws IOException {
        Path folder = dir.resolve("saved");
        model.save(folder);
        for (String file : List.of(TabularModel.MODEL, "model.card.json", "model.history.json", TabularModel.TRANSFORM,
                TabularModel.RECIPE, "history.csv", "history.json", "history.png")) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file);
        }
        TabularModel again = TabularModel.load(folder);
        assertEquals(model.transform(), again.transform());
        assertEquals(model.recipe(), again.recipe());
        Path rows = csv("rows.csv", "x,color", "-1,red", "0.3,blue");
        INDArray before = model.predict(rows).outputs();
        assertEquals(before, again.predict(rows).outputs());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularModel.load(dir.resolve("nothing")));
        assertTrue(e.getMessage().startsWith("model folder " + dir.resolve("nothing") + " has no model.zip; fix:"),
                e.getMessage());
    }

    @Test
    void saveReplacesItsOwnFolderWholeAndNeverAUsersFolder() throws IOException {
        Path folder = dir.resolve("replaced");
        model.save(folder);
        model.save(folder);
        assertTrue(Files.isRegularFile(folder.resolve("manifest.json")));
        try (var siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(f -> f.getFileName().toString().startsWith(".replaced")),
                    "no staging or old folder left beside it");
        }

        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> model.save(mine));
        assertTrue(refused.getMessage().contains("notes.txt") && refused.getMessage().contains("Fix:"),
                refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TabularModel.checkSavable(mine));
        assertEquals("mine", Files.readString(mine.resolve("notes.txt")));
        try (var files = Files.list(mine)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFolderWithAChangedFileIsRefusedOnLoad() throws IOException {
        Path folder = dir.resolve("changed");
        model.save(folder);
        Files.writeString(folder.resolve(TabularModel.TRANSFORM), Files.readString(folder.resolve(TabularModel.TRANSFORM))
                .replace("\"x\"", "\"z\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TabularModel.load(folder));
        assertTrue(e.getMessage().startsWith(folder.resolve(TabularModel.TRANSFORM).toAbsolutePath() + " is damaged"),
                e.getMessage());
    }

    @Test
    void aClassifierOnIntegerCodesPredictsAndSavesTheCodesAsClasses() throws IOException {
        StringBuilder text = new StringBuilder("x,grade\n");
        for (int i = 0; i < 60; i++) {
            double x = (i % 3) + 0.1 * (i % 5);
            text.append(x).append(',').append(i % 3).append('\n');
        }
        Path coded = Files.writeString(dir.resolve("coded.csv"), text);
        TabularData data = TabularData.fromCsv(coded).target("grade").build();
        assertEquals(io.github.dl4jrecipes.core.data.TargetKind.REGRESSION, data.schema().targetKind());
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(20).withMaxLr(0.05);
        assertEquals(List.of("0", "1", "2"), recipe.schema().classes());
        io.github.dl4jrecipes.core.data.TabularSplit split = data.split(0.8, 1);
        TabularModel trained = TabularModel.of(recipe.fit(split.train(), split.valid()), split.transform(), recipe);
        assertEquals(List.of("0", "1", "2"), trained.transform().classes());
        Path folder = dir.resolve("coded-model");
        trained.save(folder);
        TabularModel again = TabularModel.load(folder);
        assertEquals(List.of("0", "1", "2"), again.predict(csv("coded-new.csv", "x", "0", "1", "2")).predicted());
        assertEquals(1.0, again.evaluate(coded).value(Metric.ACCURACY), 1e-12);
    }

    @Test
    void aRegressorPredictsNumbersAndIsScoredByRmseAndR2() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) {
            text.append(i / 10.0).append(',').append(2 * i / 10.0 + 0.5).append('\n');
        }
        Path numbers = Files.writeString(dir.resolve("numbers.csv"), text);
        TabularData data = TabularData.fromCsv(numbers).target("y").build();
        TabularRecipe recipe = TabularRecipe.regressor(data.schema()).withEpochs(5).withMaxLr(0.01);
        io.github.dl4jrecipes.core.data.TabularSplit split = data.split(0.8, 1);
        TabularModel regressor = TabularModel.of(recipe.fit(split.train(), split.valid()), split.transform(), recipe);
        TabularPredictions p = regressor.predict(numbers);
        assertEquals(p.outputs().getDouble(3, 0), Double.parseDouble(p.predicted(3)), 1e-6);
        assertEquals(List.of("x", "y", "predicted_y"), p.header());
        assertEquals(List.of(Metric.RMSE, Metric.R2), List.copyOf(regressor.evaluate(numbers).metrics().keySet()));
    }
}
