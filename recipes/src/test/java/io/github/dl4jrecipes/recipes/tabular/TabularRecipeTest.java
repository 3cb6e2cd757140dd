package io.github.dl4jrecipes.recipes.tabular;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.dl4jrecipes.core.data.CategoricalEncoding;
import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.lint.ConfigLinter;
import io.github.dl4jrecipes.core.lint.LintReport;
import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.core.schedule.ScheduledAdam;
import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.core.train.History;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.RecipeCard;
import io.github.dl4jrecipes.recipes.RecipeSetting;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitNormal;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TabularRecipeTest {

    /** Few epochs keep the tests fast; the loss must still fall. */
    private static final int EPOCHS = 30;
    /** Fewer for the five activations of the ladder. */
    private static final int LADDER_EPOCHS = 15;

    private static TabularData penguins(CategoricalEncoding encoding) {
        return TabularData.penguinsCsv().target(TabularData.PENGUINS_TARGET).encoding(encoding).build();
    }

    private static List<Layer> layers(MultiLayerConfiguration conf) {
        return conf.getConfs().stream().map(NeuralNetConfiguration::getLayer).toList();
    }

    private static void assertLossFalls(History history) {
        EpochRecord first = history.epochs().get(0);
        EpochRecord last = history.last().orElseThrow();
        assertTrue(last.trainLoss() < 0.7 * first.trainLoss(), "train loss " + first.trainLoss() + " -> "
                + last.trainLoss());
    }

    @Test
    void defaultClassifierIsAReluBatchNormMlpWithSoftmaxHeadAndSmallBatchOneCycle() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withTrainRows(275);
        MultiLayerConfiguration conf = recipe.toConfiguration().multiLayer();
        List<Layer> layers = layers(conf);
        // one hidden block (dense -> BN -> ReLU) of the rule's width, then the head
        assertEquals(4, layers.size());
        DenseLayer dense = assertInstanceOf(DenseLayer.class, layers.get(0));
        assertEquals(64, dense.getNOut(), "275 rows / (2 * (17 + 3)) = 7, clamped up to the 64-unit minimum");
        assertEquals(data.schema().numInputs(), dense.getNIn());
        assertInstanceOf(WeightInitRelu.class, dense.getWeightInitFn());
        assertInstanceOf(BatchNormalization.class, layers.get(1));
        OutputLayer head = assertInstanceOf(OutputLayer.class, layers.get(3));
        assertEquals(3, head.getNOut());
        assertInstanceOf(ActivationSoftmax.class, head.getActivationFn());
        assertEquals(new Dropout(1 - TabularRecipe.DEFAULT_DROPOUT), head.getIDropout());
        // 1cycle over epochs x 9 batches
        ScheduledAdam adam = assertInstanceOf(ScheduledAdam.class, ((BaseLayer) layers.get(0)).getIUpdater());
        int epochs = 67; // 275 rows in batches of 32: 9 per epoch; 600 updates need ceil(600 / 9) = 67 epochs
        assertEquals(OneCycle.maxLr(TabularRecipe.DEFAULT_MAX_LR).withEpochs(epochs, 9).valueAt(10, 0),
                adam.getLearningRate(10, 0), 1e-12);
        RecipeCard card = recipe.card();
        assertEquals("32", card.value("batchSize"));
        assertEquals(String.valueOf(epochs), card.value("epochs"));
        assertEquals("0", card.value("earlyStoppingPatience"));
        assertEquals("0.01", card.value("weightDecay"));
        assertEquals("one-hot", card.value("categoricals"));
        assertTrue(card.setting("hiddenLayers").source().startsWith("rule: "), card.toString());
    }

    @Test
    void classifierLearnsPenguinsAndItsCardTravelsWithTheModel() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        TabularSplit split = data.split(0.8, 42);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(EPOCHS).withProgress(Progress.LOG);
        TrainedModel<? extends Model> model = recipe.fit(split.train(), split.valid());
        assertInstanceOf(MultiLayerNetwork.class, model.network());
        assertEquals(EPOCHS, model.history().size());
        assertLossFalls(model.history());
        assertTrue(model.history().last().orElseThrow().validMetric() > 0.9, model.history().toCsv());
        assertEquals("[64]", model.card().settings().get("recipe.hiddenLayers"));
        assertEquals("tabular-classifier", model.card().settings().get("recipe"));
        // no LR given: the LR finder picked one
        double lr = Double.parseDouble(model.card().settings().get("recipe.maxLr"));
        assertTrue(lr > LrFinder.DEFAULT_START_LR && lr < LrFinder.DEFAULT_END_LR && lr != TabularRecipe.DEFAULT_MAX_LR,
                "LR " + lr);
        assertEquals(String.valueOf(TabularRules.SMALL_TABLE_BATCH_SIZE), model.card().settings().get("recipe.batchSize"));
    }

    @Test
    void withOptimizerTrainsWithThatUpdaterInsteadOfOneCycleAndSkipsTheLrFinder() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        TabularSplit split = data.split(0.8, 42);
        HypergradientAdam hd = HypergradientAdam.of(1e-3).withHyperLearningRate(1e-6);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(EPOCHS).withOptimizer(hd)
                .withProgress(Progress.LOG);
        for (Layer layer : layers(recipe.toConfiguration().multiLayer())) {
            if (layer instanceof BaseLayer base && !(layer instanceof BatchNormalization)) {
                assertEquals(hd, base.getIUpdater(), layer.toString());
            }
        }
        RecipeCard card = recipe.card();
        assertEquals(hd.toString(), card.value("optimizer"));
        assertEquals("user", card.setting("optimizer").source());
        assertFalse(card.asMap().containsKey("maxLr"), "no 1cycle peak: " + card);
        TrainedModel<? extends Model> model = recipe.fit(split.train(), split.valid());
        assertFalse(model.card().settings().containsKey("recipe.maxLr"), "no LR finder pick");
        assertLossFalls(model.history());
        double first = model.history().epochs().get(0).learningRate();
        double last = model.history().last().orElseThrow().learningRate();
        assertNotEquals(first, last, "the history records the adapted learning rate");
    }

    @Test
    void theLrFinderLogsItsProgressEveryTenthOfItsStepsAndThenItsPick() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        DataSet train = data.split(0.8, 42).train();   // fewer rows than a full batch: one batch per epoch
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(LrFinder.class);
        logger.addAppender(log);
        try {
            TabularRecipe.classifier(data.schema()).withProgress(Progress.LOG).findLr(train);
        } finally {
            logger.detachAppender(log);
        }
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        // 100 steps from 1e-7 to 10: a line every 10; step 10's LR is 1e-7 · 10^(8 · 9/99) = 5.34e-7
        assertTrue(lines.get(0).startsWith("LR range test: step 10/100, lr 5.34e-07, smoothed loss "),
                String.join("\n", lines));
        assertTrue(lines.get(lines.size() - 1).matches("LR range test: \\d+ of 100 steps .* picked .*"),
                lines.get(lines.size() - 1));
    }

    @Test
    void entityEmbeddingsAreOneLinearLayerPerCategoricalInAGraphThatTrains() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEntityEmbeddings().withEpochs(EPOCHS)
                .withProgress(Progress.LOG);
        assertTrue(recipe.usesEmbeddings());
        ComputationGraphConfiguration graph = recipe.toConfiguration().graph();
        List<DenseLayer> embeddings = graph.getVertices().entrySet().stream()
                .filter(e -> e.getKey().startsWith("embedding"))
                .map(e -> (DenseLayer) ((LayerVertex) e.getValue()).getLayerConf().getLayer()).toList();
        // island (3 levels + unknown) and sex (2 levels + missing + unknown)
        assertEquals(2, embeddings.size());
        assertEquals(List.of(4L, 4L), embeddings.stream().map(DenseLayer::getNIn).toList());
        // fastai's emb_sz_rule for 4 codes: round(1.6 * 4^0.56) = round(3.48) = 3
        assertEquals(List.of(3L, 3L),
                embeddings.stream().map(DenseLayer::getNOut).toList());
        assertFalse(embeddings.get(0).hasBias());
        assertEquals("entity embeddings [3, 3]", recipe.card().value("categoricals"));

        TabularSplit split = data.split(0.8, 42);
        TrainedModel<? extends Model> model = recipe.fit(split.train(), split.valid());
        assertInstanceOf(ComputationGraph.class, model.network());
        assertLossFalls(model.history());
        assertTrue(model.history().last().orElseThrow().validMetric() > 0.9, model.history().toCsv());
    }

    @Test
    void indexEncodedSchemaIsRejectedWithTheFix() {
        TabularData data = penguins(CategoricalEncoding.INDEX);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularRecipe.classifier(data.schema()));
        assertTrue(e.getMessage().contains("INDEX") && e.getMessage().contains("withEntityEmbeddings()"),
                e.getMessage());
    }

    @Test
    void selfNormalizingVariantUsesSeluLecunAndAlphaDropoutWithoutBatchNorm() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).selfNormalizing().withHiddenLayers(32, 16)
                .withEpochs(EPOCHS).withMaxLr(TabularRecipe.DEFAULT_MAX_LR).withProgress(Progress.LOG);
        List<Layer> layers = layers(recipe.toConfiguration().multiLayer());
        assertEquals(3, layers.size());
        for (Layer layer : layers.subList(0, 2)) {
            DenseLayer dense = assertInstanceOf(DenseLayer.class, layer);
            assertInstanceOf(ActivationSELU.class, dense.getActivationFn());
            assertInstanceOf(WeightInitNormal.class, dense.getWeightInitFn());
        }
        assertNull(layers.get(0).getIDropout());
        assertEquals(new AlphaDropout(1 - TabularRecipe.DEFAULT_ALPHA_DROPOUT), layers.get(1).getIDropout());
        assertFalse(layers.stream().anyMatch(l -> l instanceof BatchNormalization));
        TabularSplit split = data.split(0.8, 42);
        assertLossFalls(recipe.fit(split.train(), split.valid()).history());
    }

    @Test
    void everyActivationOfTheLadderBuildsALintCleanNetworkWithItsPairedInitAndLearns() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        TabularSplit split = data.split(0.8, 42);
        // the ladder is what withActivation accepts: output-style activations are refused, naming the parameter
        for (Activation outside : List.of(Activation.SIGMOID, Activation.SOFTMAX, Activation.IDENTITY)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TabularRecipe.classifier(data.schema()).withActivation(outside));
            assertTrue(e.getMessage().startsWith("activation: ") && e.getMessage().contains("fix:"), e.getMessage());
        }
        for (Activation activation : TabularRecipe.ACTIVATIONS) {
            TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withActivation(activation)
                    .withHiddenLayers(32, 16).withEpochs(LADDER_EPOCHS).withMaxLr(TabularRecipe.DEFAULT_MAX_LR)
                    .withProgress(Progress.LOG);
            assertEquals(activation, recipe.activation());
            MultiLayerConfiguration conf = recipe.toConfiguration().multiLayer();
            LintReport report = ConfigLinter.lint(conf, recipe.task());
            assertTrue(report.isClean(), activation + ": " + report);
            WeightInit init = WeightInits.forActivation(activation);
            List<Layer> layers = layers(conf);
            List<DenseLayer> hidden = layers.stream().filter(l -> l instanceof DenseLayer && !(l instanceof OutputLayer))
                    .map(DenseLayer.class::cast).toList();
            assertEquals(2, hidden.size(), activation + ": " + layers);
            for (DenseLayer dense : hidden) {
                assertEquals(init.getWeightInitFunction().getClass(), dense.getWeightInitFn().getClass(),
                        activation + " layer with " + dense.getWeightInitFn());
            }
            boolean selu = activation == Activation.SELU;
            assertEquals(!selu, layers.stream().anyMatch(l -> l instanceof BatchNormalization), activation.toString());
            if (!selu) {
                // the activation follows batch norm as its own layer; the dense layer is linear and bias-free
                assertEquals(2, layers.stream().filter(l -> l instanceof ActivationLayer a
                        && a.getActivationFn().getClass() == activation.getActivationFunction().getClass()).count());
                assertFalse(hidden.get(0).hasBias());
            }
            assertEquals(selu ? AlphaDropout.class : Dropout.class, hidden.get(1).getIDropout().getClass());
            RecipeCard card = recipe.card();
            assertEquals(activation.name(), card.value("activation"));
            assertEquals(activation == TabularRecipe.DEFAULT_ACTIVATION, card.setting("activation").source()
                    .startsWith("default: "), card.setting("activation").toString());
            assertEquals(init.name(), card.value("weightInit"));
            assertTrue(card.setting("weightInit").source().startsWith("derived from the activation"), card.toString());
            assertLossFalls(recipe.fit(split.train(), split.valid()).history());
        }
        RecipeCard defaults = TabularRecipe.classifier(data.schema()).card();
        assertEquals("RELU", defaults.value("activation"));
        assertEquals("RELU", defaults.value("weightInit"), "DL4J's name of He normal");
        assertEquals("dense (no bias) -> batch norm -> RELU", defaults.value("hiddenBlock"));
    }

    @Test
    void anActivationOffTheLadderIsRejectedWithTheAllowedListAndTheFix() {
        TabularRecipe recipe = TabularRecipe.classifier(penguins(CategoricalEncoding.ONE_HOT).schema());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recipe.withActivation(Activation.SIGMOID));
        assertEquals("activation: the tabular recipe builds hidden layers with one of [SELU, ELU, LEAKYRELU, RELU, "
                + "TANH] (the activation ladder), got SIGMOID; fix: pass one of them, e.g. "
                + "withActivation(Activation.RELU) (the default) or Activation.SELU for the self-normalizing network",
                e.getMessage());
        assertThrows(NullPointerException.class, () -> recipe.withActivation(null));
        assertEquals(Activation.RELU, recipe.activation(), "the original is unchanged");
    }

    @Test
    void defaultsOfEveryVariantPassTheLinter() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema());
        for (TabularRecipe variant : List.of(recipe, recipe.selfNormalizing(), recipe.withHiddenLayers(64, 32))) {
            LintReport report = ConfigLinter.lint(variant.toConfiguration().multiLayer(), variant.task());
            assertTrue(report.isClean(), report.toString());
        }
        // entity embeddings are linear by definition (Guo & Berkhahn); the linter knows merged projections
        LintReport graph = ConfigLinter.lint(recipe.withEntityEmbeddings().toConfiguration().graph(), recipe.task());
        assertTrue(graph.isClean(), graph.toString());
        TabularData numbers = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build();
        TabularRecipe regressor = TabularRecipe.regressor(numbers.schema());
        LintReport regression = ConfigLinter.lint(regressor.toConfiguration().multiLayer(), regressor.task());
        assertTrue(regression.isClean(), regression.toString());
    }

    @Test
    void binaryTargetGetsOneSigmoidOutput() {
        TabularData data = TabularData.penguinsCsv().target("sex").dropRowsWithoutTarget().build();
        OutputLayer head = (OutputLayer) layers(TabularRecipe.classifier(data.schema()).toConfiguration()
                .multiLayer()).get(3);
        assertEquals(1, head.getNOut());
        assertInstanceOf(ActivationSigmoid.class, head.getActivationFn());
    }

    @Test
    void regressorLearnsBodyMass() {
        TabularData data = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build();
        TabularRecipe recipe = TabularRecipe.regressor(data.schema()).withEpochs(EPOCHS).withMaxLr(3e-2)
                .withProgress(Progress.LOG);
        OutputLayer head = (OutputLayer) layers(recipe.toConfiguration().multiLayer()).get(3);
        assertInstanceOf(ActivationIdentity.class, head.getActivationFn());
        TabularSplit split = data.split(0.8, 42);
        TrainedModel<? extends Model> model = recipe.fit(split.train(), split.valid());
        assertLossFalls(model.history());
        // the target scaling is folded into the head: predictions are in grams again
        double meanPrediction = model.predict(split.valid().getFeatures()).meanNumber().doubleValue();
        double meanMass = split.valid().getLabels().meanNumber().doubleValue();
        assertEquals(meanMass, meanPrediction, 0.1 * meanMass);
    }

    @Test
    void multilabelHasOneSigmoidPerLabel() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        OutputLayer head = (OutputLayer) layers(TabularRecipe.multilabel(data.schema(), 4).toConfiguration()
                .multiLayer()).get(3);
        assertEquals(4, head.getNOut());
        assertInstanceOf(ActivationSigmoid.class, head.getActivationFn());
        assertThrows(IllegalArgumentException.class, () -> TabularRecipe.multilabel(data.schema(), 0));
    }

    @Test
    void dataWiderThanTheSchemaIsAClearError() {
        TabularData narrow = TabularData.penguinsCsv().target("species").ignore("island", "sex").build();
        TabularData wide = penguins(CategoricalEncoding.ONE_HOT);
        TabularRecipe recipe = TabularRecipe.classifier(narrow.schema());
        TabularSplit split = wide.split(0.8, 42);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recipe.fit(split.train(), split.valid()));
        String message = e.getMessage();
        assertTrue(message.startsWith("train: "), "names the parameter: " + message);
        assertTrue(message.contains("built for " + narrow.schema().numInputs() + " inputs")
                && message.contains("the data has " + wide.schema().numInputs() + " input columns"),
                "states the rule broken and the values: " + message);
        assertTrue(message.contains("fix: build the recipe from the schema of the data you train on"),
                "gives the fix: " + message);
    }

    @Test
    void iteratorsTrainWithTheirOwnBatchesAndTheOneCycleCountsThem() {
        TabularData data = penguins(CategoricalEncoding.ONE_HOT);
        TabularSplit split = data.split(0.8, 42);
        assertEquals(275, split.train().numExamples());
        TrainedModel<? extends Model> model = TabularRecipe.classifier(data.schema()).withMaxLr(1e-2)
                .withProgress(Progress.LOG).fit(InMemoryIterator.shuffled(split.train(), 32, 42),
                        InMemoryIterator.sequential(split.valid(), 32));
        // 275 rows in batches of 32: 9 batches per epoch; 600 updates need 67 epochs (more than the minimum 20)
        assertEquals(67, model.history().size());
        assertEquals("32", model.card().settings().get("recipe.batchSize"), "the iterator's batch size, as trained");
        assertLossFalls(model.history());
    }

    @Test
    void labelsOfAnotherTaskAndEmptyIteratorsAreClearErrors() {
        TabularData species = penguins(CategoricalEncoding.ONE_HOT);
        DataSet train = species.split(0.8, 42).train();
        DataSet oneLabel = new DataSet(train.getFeatures(), train.getLabels().getColumn(0, true));
        TabularRecipe recipe = TabularRecipe.classifier(species.schema());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recipe.fit(oneLabel, null));
        assertTrue(e.getMessage().contains("predicts 3 output(s) for target 'species'")
                && e.getMessage().contains("the data has 1 label column(s)"), e.getMessage());
        DataSetIterator exhausted = new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(List.of(),
                1);
        e = assertThrows(IllegalArgumentException.class, () -> recipe.fit(exhausted, null));
        assertTrue(e.getMessage().startsWith("train: the iterator yields no batch"), e.getMessage());
    }

    @Test
    void taskMismatchesAreRejectedWithTheFix() {
        TabularData classes = penguins(CategoricalEncoding.ONE_HOT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularRecipe.regressor(classes.schema()));
        assertTrue(e.getMessage().contains("TabularRecipe.classifier(schema)"), e.getMessage());
        TabularData numbers = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build();
        e = assertThrows(IllegalArgumentException.class, () -> TabularRecipe.classifier(numbers.schema()));
        assertTrue(e.getMessage().contains("REGRESSION") && e.getMessage().contains("regressor(schema)"),
                e.getMessage());
    }

    @Test
    void overridesAreValidatedAndMarkedAsTheUsers() {
        TabularRecipe recipe = TabularRecipe.classifier(penguins(CategoricalEncoding.ONE_HOT).schema());
        assertThrows(IllegalArgumentException.class, () -> recipe.withDropout(1));
        assertThrows(IllegalArgumentException.class, () -> recipe.withMaxLr(0));
        assertThrows(IllegalArgumentException.class, () -> recipe.withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> recipe.withHiddenLayers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recipe.withBatchSize(-3));
        assertTrue(e.getMessage().startsWith("batchSize "), "names the parameter: " + e.getMessage());
        assertTrue(e.getMessage().contains(">= 1, got -3"), "states the rule and the value: " + e.getMessage());
        assertTrue(e.getMessage().contains("rows per update"), "says what to pass: " + e.getMessage());
        RecipeCard card = recipe.withMaxLr(3e-3).withBatchSize(32).withEpochs(5).card();
        assertEquals("0.003", card.value("maxLr"));
        assertEquals(RecipeSetting.USER, card.setting("maxLr").source());
        assertEquals(RecipeSetting.USER, card.setting("batchSize").source());
        assertEquals("5", card.value("epochs"));
        // the original is unchanged
        assertEquals(String.valueOf(TabularRecipe.DEFAULT_MAX_LR), recipe.card().value("maxLr"));
    }
}
