package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.lint.ConfigLinter;
import io.github.dl4jrecipes.core.lint.LintReport;
import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.lr.LrFinderResult;
import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.recipes.RecipeCard;
import io.github.dl4jrecipes.recipes.RecipeSetting;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.augment.Augment;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRecipeTest {

    private static final int SIDE = 12;

    @Test
    void everyPresetsConfigurationPassesTheLinter() {
        ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, 10);
        for (ImageRecipe preset : new ImageRecipe[] {recipe.small(), recipe.lenet(),
                ImageRecipe.classifier(64, 64, 3, 5).small()}) {
            LintReport report = ConfigLinter.lint(preset.toConfiguration().graph(), preset.task());
            assertTrue(report.isClean(), preset.architecture() + ": " + report);
        }
    }

    @Test
    void resnetPassesTheLinter() {
        // the convolutions that feed a residual add are followed by BN → add → ReLU and rightly use
        // He init (He et al., 2016): the linter follows the path through the add
        ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, 10).resnet();
        LintReport report = ConfigLinter.lint(recipe.toConfiguration().graph(), recipe.task());
        assertTrue(report.isClean(), report.toString());
    }

    @Test
    void builtNetworksNormalizeWithTheFastBatchNormHelper() {
        ComputationGraph net = ImageRecipe.classifier(28, 28, 1, 10).resnet().build();
        int batchNorms = 0;
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                assertEquals("ChannelBatchNormHelper", layer.getHelper().getClass().getSimpleName(),
                        layer.getConfig().getLayerName());
                batchNorms++;
            }
        }
        assertEquals(9, batchNorms, "stem, 3 blocks × 2, 2 projections");
    }

    @Test
    void configurationUsesTheFastPathAndSizesTheNetworkToTheImages() {
        ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, 10);
        assertEquals(CacheMode.DEVICE, recipe.toConfiguration().graph().getCacheMode());
        ComputationGraph small = recipe.build();
        assertEquals(10, small.getOutputLayer(0).getParam("W").size(1));
        // 28 px: two stages of two conv blocks (28 → 14 → 7), filters 32 and 64
        assertEquals(64, small.getLayer("s2b2_conv").getParam("W").size(0));
        assertEquals(7 * 7 * 64, small.getLayer("dense").getParam("W").size(0));
        // 64 px: three stages (64 → 32 → 16 → 8)
        ComputationGraph larger = ImageRecipe.classifier(64, 64, 3, 5).build();
        assertEquals(128, larger.getLayer("s3b2_conv").getParam("W").size(0));
        assertEquals(3, larger.getLayer("s1b1_conv").getParam("W").size(1));
        ComputationGraph resnet = recipe.resnet().build();
        assertEquals(128, resnet.getLayer("s3b1b_conv").getParam("W").size(0));
        assertTrue(resnet.getConfiguration().getVertices().containsKey("s2b1_add"));
    }

    @Test
    void smallTrainsOnTinyImagesAndTheLossFalls() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES)
                .withMaxLr(3e-3).withEpochs(3).withBatchSize(16);
        DataSet train = TinyImages.make(96, 1, SIDE, 1);
        double before = dataLoss(recipe.build(), train);
        TrainedModel<ComputationGraph> model = recipe.fit(train, TinyImages.make(48, 1, SIDE, 2));
        assertLossFalls(before, dataLoss(model.network(), train));
        assertTrue(model.history().last().orElseThrow().validMetric() > 0.6,
                "valid accuracy " + model.history().last().orElseThrow().validMetric());
        assertEquals("small", model.card().settings().get("recipe.architecture"));
        assertEquals("user", model.card().settings().get("recipe.maxLrSource"));
        assertEquals("0.003", model.card().settings().get("recipe.maxLr"));
    }

    @Test
    void withOptimizerTrainsWithThatUpdaterAndSkipsTheLrFinder() {
        HypergradientAdam hd = HypergradientAdam.of(3e-3).withHyperLearningRate(1e-6);
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES).withOptimizer(hd)
                .withAugment(Augment.none()).withEpochs(3).withBatchSize(16);
        assertEquals(hd.toString(), recipe.card().value("optimizer"));
        assertFalse(recipe.card().asMap().containsKey("maxLr"), recipe.card().toString());
        DataSet train = TinyImages.make(96, 1, SIDE, 1);
        double before = dataLoss(recipe.build(), train);
        TrainedModel<ComputationGraph> model = recipe.fit(train, TinyImages.make(48, 1, SIDE, 2));
        assertLossFalls(before, dataLoss(model.network(), train));
        assertFalse(model.card().settings().containsKey("recipe.maxLrSource"), "no LR finder");
        assertEquals(hd.toString(), model.card().settings().get("recipe.optimizer"));
    }

    @Test
    void resnetTrainsOnTinyImagesAndTheLossFalls() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 3, TinyImages.CLASSES).resnet()
                .withAugment(Augment.light()).withMaxLr(3e-3).withEpochs(3).withBatchSize(16);
        DataSet train = TinyImages.make(64, 3, SIDE, 3);
        double before = dataLoss(recipe.build(), train);
        assertLossFalls(before, dataLoss(recipe.fit(train, null).network(), train));
    }

    @Test
    void lenetTrainsOnTinyImagesAndTheLossFalls() {
        ImageRecipe recipe = ImageRecipe.classifier(16, 16, 1, TinyImages.CLASSES).lenet()
                .withAugment(Augment.none()).withMaxLr(1e-3).withEpochs(3).withBatchSize(16);
        DataSet train = TinyImages.make(96, 1, 16, 5);
        double before = dataLoss(recipe.build(), train);
        assertLossFalls(before, dataLoss(recipe.fit(train, null).network(), train));
    }

    @Test
    void withoutALearningRateTheLrFinderPicksOneAndTheCardSaysSo() {
        DataSet train = TinyImages.make(80, 1, SIDE, 6);
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES).withEpochs(1);
        TrainedModel<ComputationGraph> model = recipe.fit(InMemoryIterator.sequential(train, 4), null);
        double maxLr = Double.parseDouble(model.card().settings().get("recipe.maxLr"));
        assertTrue(model.card().settings().get("recipe.maxLrSource").startsWith("LR finder"));
        assertEquals(maxLr / OneCycle.DEFAULT_DIV_FINAL, model.history().last().orElseThrow().learningRate(),
                maxLr * 1e-9, "1cycle ends at the finder's pick / divFinal");
        // the pick is the finder's suggestion for the same batches, run on its own (seeded, so repeatable)
        assertEquals(recipe.findLr(InMemoryIterator.sequential(train, 4)).suggestion(), maxLr, maxLr * 1e-9);
    }

    @Test
    void withFewBatchesTheLrFinderSweepsTheDataAgain() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES)
                .withAugment(Augment.none()).withEpochs(1).withBatchSize(16);
        DataSet train = TinyImages.make(32, 1, SIDE, 7);
        TrainedModel<ComputationGraph> model = recipe.fit(InMemoryIterator.sequential(train, 16), null);
        assertTrue(model.card().settings().get("recipe.maxLrSource").startsWith("LR finder"),
                "2 batches per epoch still get a sweep, over several passes");
        double maxLr = Double.parseDouble(model.card().settings().get("recipe.maxLr"));
        LrFinderResult sweep = recipe.findLr(InMemoryIterator.sequential(train, 16));
        assertEquals(100, sweep.points().size(), "fastai's 100 steps: the 2 batches are passed over 50 times");
        assertEquals(sweep.suggestion(), maxLr, maxLr * 1e-9, "fit trains at that sweep's pick");
    }

    @Test
    void withTheShortSweepTheLrFinderCostsAtMostATenthOfTheEpochsItServes() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES).withBatchSize(16)
                .withLrFinder(LrFinder.defaults().withMaxShare(LrFinder.SHORT_SWEEP_SHARE)
                        .withDivergenceFactor(1e9));   // no early stop: count the planned steps
        DataSet train = TinyImages.make(32, 1, SIDE, 7);                        // 2 batches of 16
        assertEquals(20, recipe.withEpochs(1).findLr(InMemoryIterator.sequential(train, 16)).points().size(),
                "10% of 1 × 2 steps, raised to the 20 a curve needs (100 before)");
        assertEquals(30, recipe.withEpochs(150).findLr(InMemoryIterator.sequential(train, 16)).points().size(),
                "10% of 150 × 2 steps");
    }

    @Test
    void theTrainMetricIsMeasuredOnlyWhenAsked() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES).withAugment(Augment.none())
                .withEpochs(1).withBatchSize(16).withMaxLr(1e-3);
        assertFalse(recipe.trainMetric());
        assertTrue(Double.isNaN(recipe.fit(TinyImages.make(32, 1, SIDE, 7), null).history().last().orElseThrow()
                .trainMetric()), "off by default: no extra pass over the training images");
        TrainedModel<ComputationGraph> model = recipe.withTrainMetric(true).fit(TinyImages.make(32, 1, SIDE, 7), null);
        double measured = model.history().last().orElseThrow().trainMetric();
        // the last epoch's train accuracy is DL4J's own evaluation of the returned network on the same images
        DataSet same = TinyImages.make(32, 1, SIDE, 7);
        Evaluation evaluation = new Evaluation();
        evaluation.eval(same.getLabels(), model.network().outputSingle(false, same.getFeatures()));
        double dl4j = evaluation.accuracy();
        assertEquals(dl4j, measured, 1e-9, "accuracy measured on the training images");
        assertEquals("true", recipe.withTrainMetric(true).card().value("trainMetric"));
    }

    @Test
    void cardBeforeTrainingListsEverySettingWithItsSource() {
        RecipeCard card = ImageRecipe.classifier(28, 28, 1, 10).resnet().withEpochs(7).withSeed(5).card();
        assertEquals("image-classifier", card.recipe());
        assertEquals("resnet", card.value("architecture"));
        assertEquals(RecipeSetting.USER, card.setting("architecture").source());
        assertEquals("7", card.value("epochs"));
        assertEquals(RecipeSetting.USER, card.setting("epochs").source());
        assertEquals("64", card.value("batchSize"));
        assertTrue(card.setting("batchSize").source().startsWith("default: fastai"), card.toString());
        assertEquals("[1, 28, 28]", card.value("imageShape"));
        assertEquals("5", card.value("seed"));
        assertEquals("LR finder at fit", card.value("maxLr"));
        assertEquals("DEVICE", card.value("cacheMode"));
        assertEquals("0.002", ImageRecipe.classifier(28, 28, 1, 10).withMaxLr(2e-3).card().value("maxLr"));
        assertTrue(ImageRecipe.classifier(28, 28, 1, 10).card().setting("augment").source().contains("fastai"));
    }

    @Test
    void aTrainedModelSavesAndLoadsWithItsCard(@TempDir Path dir) throws Exception {
        DataSet data = TinyImages.make(48, 1, SIDE, 8);
        TrainedModel<ComputationGraph> model = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES)
                .withMaxLr(3e-3).withEpochs(1).withBatchSize(16).fit(data, null);
        model.save(dir.resolve("model.zip"));
        TrainedModel<ComputationGraph> again = TrainedModel.loadGraph(dir.resolve("model.zip"));
        INDArray features = data.getFeatures();
        assertEquals(model.predict(features), again.predict(features));
        assertEquals("small", again.card().settings().get("recipe.architecture"));
    }

    @Test
    void imagesOfAnotherSizeAreRefusedBeforeTraining() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES).withMaxLr(1e-3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recipe.fit(TinyImages.make(8, 1, 16, 1), null));
        assertTrue(e.getMessage().contains("train: images are [8, 1, 16, 16]"), e.getMessage());
        assertTrue(e.getMessage().contains("[n, 1, 12, 12]"), e.getMessage());
        assertTrue(e.getMessage().contains("ImageRecipe.classifier(16, 16, 1, 3)"), e.getMessage());
    }

    @Test
    void imagesWithOtherChannelsAreRefused() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES).withMaxLr(1e-3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recipe.fit(TinyImages.make(8, 1, SIDE, 1), TinyImages.make(8, 3, SIDE, 1)));
        assertTrue(e.getMessage().startsWith("valid: images are [8, 3, 12, 12]"), e.getMessage());
    }

    @Test
    void channelsLastAndFlatImagesAreRefusedWithTheFix() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 3, TinyImages.CLASSES).withMaxLr(1e-3);
        DataSet nchw = TinyImages.make(8, 3, SIDE, 1);
        DataSet nhwc = new DataSet(nchw.getFeatures().permute(0, 2, 3, 1).dup(), nchw.getLabels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recipe.fit(nhwc, null));
        assertTrue(e.getMessage().contains("channels-last data must be permuted to NCHW"), e.getMessage());
        DataSet flat = new DataSet(nchw.getFeatures().reshape(8, 3 * SIDE * SIDE), nchw.getLabels());
        e = assertThrows(IllegalArgumentException.class, () -> recipe.fit(flat, null));
        assertTrue(e.getMessage().contains("images are flat [8, 432]"), e.getMessage());
        assertTrue(e.getMessage().contains("reshape(n, 3, 12, 12)"), e.getMessage());
    }

    @Test
    void labelsOfAnotherClassCountAreRefused() {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, 5).withMaxLr(1e-3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recipe.fit(TinyImages.make(8, 1, SIDE, 1), null));
        assertTrue(e.getMessage().contains("labels are [8, 3] but the recipe has 5 classes"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, 10);
        assertMessage("epochs must be >= 1, got 0", () -> recipe.withEpochs(0));
        assertMessage("batchSize must be >= 1, got -1", () -> recipe.withBatchSize(-1));
        assertMessage("weightDecay must be a finite number >= 0, got -0.1", () -> recipe.withWeightDecay(-0.1));
        assertMessage("nClasses must be >= 2", () -> ImageRecipe.classifier(28, 28, 1, 1));
        assertMessage("ImageShape needs channels, height and width >= 1", () -> ImageRecipe.classifier(28, 0, 1, 10));
        assertMessage("lenet() needs images of at least 16×16 pixels", () -> ImageRecipe.classifier(12, 12, 1, 10).lenet());
        assertMessage("small() needs images of at least 4×4 pixels", () -> ImageRecipe.classifier(3, 3, 1, 10));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Mean cross-entropy without the weight-decay term (History's loss includes it, as DL4J's score). */
    private static double dataLoss(ComputationGraph net, DataSet data) {
        return net.scoreExamples(data, false).meanNumber().doubleValue();
    }

    private static void assertLossFalls(double before, double after) {
        assertTrue(after < 0.8 * before, "data loss " + before + " → " + after);
    }
}
