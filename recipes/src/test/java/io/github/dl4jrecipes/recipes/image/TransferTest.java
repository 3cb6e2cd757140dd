package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.augment.Augment;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fine-tuning a zoo architecture (DL4J's LeNet, 1×28×28) from weights saved to a local file. */
class TransferTest {

    private static final int SIDE = 28;
    private static final int PRETRAINED_CLASSES = 10;

    private static LeNet zoo(int channels) {
        return LeNet.builder().inputShape(new int[] {channels, SIDE, SIDE}).numClasses(PRETRAINED_CLASSES).build();
    }

    /** Writes "pretrained" weights: the zoo network initialised with a seed, as initPretrained would load. */
    private static Path weights(Path dir, int channels) throws Exception {
        MultiLayerNetwork net = (MultiLayerNetwork) zoo(channels).init();
        Path file = dir.resolve("lenet-" + channels + ".zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }

    @Test
    void buildPutsThePretrainedWeightsUnderANewHead(@TempDir Path dir) throws Exception {
        Path file = weights(dir, 1);
        MultiLayerNetwork pretrained = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        ComputationGraph net = ImageRecipe.classifier(SIDE, SIDE, 1, 3).transfer(Pretrained.of(zoo(1), file)).build();

        assertEquals(pretrained.getLayer(0).getParam("W"), net.getLayer(0).getParam("W"), "first conv pretrained");
        String dense = net.getLayers()[net.getLayers().length - 2].conf().getLayer().getLayerName();
        assertEquals(pretrained.getLayer(pretrained.getnLayers() - 2).getParam("W"), net.getLayer(dense).getParam("W"));
        assertEquals(3, net.getOutputLayer(0).getParam("W").size(1), "new head for the recipe's 3 classes");
    }

    @Test
    void fineTuningTrainsTheHeadThenEveryLayerWithDiscriminativeRates(@TempDir Path dir) throws Exception {
        Path file = weights(dir, 1);
        MultiLayerNetwork pretrained = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        TrainedModel<ComputationGraph> model = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES)
                .transfer(Pretrained.of(zoo(1), file)).withAugment(Augment.none()).withMaxLr(1e-3)
                .withEpochs(2).withBatchSize(16).fit(TinyImages.make(48, 1, SIDE, 1), TinyImages.make(24, 1, SIDE, 2));

        String groups = model.card().settings().get("recipe.transfer.lrGroups");
        String[] parts = groups.split("; ");
        assertEquals(Pretrained.DEFAULT_LAYER_GROUPS, parts.length, groups);
        double first = Double.parseDouble(parts[0].substring(parts[0].indexOf('@') + 1).trim());
        double head = Double.parseDouble(parts[2].substring(parts[2].indexOf('@') + 1).trim());
        assertEquals(1e-3 * Pretrained.UNFROZEN_LR_FACTOR, head, 1e-9);
        assertEquals(head / Pretrained.DEFAULT_LR_MULTIPLIER, first, 1e-9);
        assertTrue(model.card().settings().get("recipe.transfer.frozenPhase").contains("epoch=1"),
                model.card().settings().get("recipe.transfer.frozenPhase"));
        assertNotEquals(pretrained.getLayer(0).getParam("W"), model.network().getLayer(0).getParam("W"),
                "the body trained in the unfrozen phase");
        assertEquals(2, model.history().size());
        assertTrue(model.history().last().orElseThrow().trainLoss() < model.history().epochs().get(0).trainLoss(),
                "loss falls: " + model.history());
    }

    @Test
    void weightsOfAnotherConfigurationAreRefusedNamingTheParameter(@TempDir Path dir) throws Exception {
        Path rgb = weights(dir, 3);
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, 3).transfer(Pretrained.of(zoo(1), rgb));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, recipe::build);
        assertTrue(e.getMessage().contains("does not match LeNet"), e.getMessage());
        assertTrue(e.getMessage().contains("is [20, 3, 5, 5] in the file but [20, 1, 5, 5] in the architecture"),
                e.getMessage());
    }

    @Test
    void anOptimizerOtherThanThePhasesOneCycleIsRefused(@TempDir Path dir) throws Exception {
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, 3).transfer(Pretrained.of(zoo(1), weights(dir, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recipe.withOptimizer(HypergradientAdam.of(1e-3)));
        assertTrue(e.getMessage().startsWith("optimizer: transfer(..) trains each phase with its own 1cycle, got "
                + "HypergradientAdam(") && e.getMessage().contains("drop withOptimizer(..)"), e.getMessage());
    }

    @Test
    void aMissingOrDamagedWeightsFileIsRefused(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.zip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageRecipe.classifier(SIDE, SIDE, 1, 3).transfer(Pretrained.of(zoo(1), missing)).build());
        assertTrue(e.getMessage().contains("weights file " + missing + " does not exist"), e.getMessage());

        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a model");
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageRecipe.classifier(SIDE, SIDE, 1, 3).transfer(Pretrained.of(zoo(1), junk)).build());
        assertTrue(e.getMessage().contains("is not a DL4J MultiLayerNetwork zip of LeNet"), e.getMessage());
    }

    @Test
    void aRecipeOfAnotherImageSizeThanTheArchitectureIsRefused(@TempDir Path dir) throws Exception {
        Path file = weights(dir, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageRecipe.classifier(32, 32, 1, 3).transfer(Pretrained.of(zoo(1), file)));
        assertTrue(e.getMessage().contains("LeNet takes images of [[1, 28, 28]]"), e.getMessage());
        assertTrue(e.getMessage().contains("recipe was built for [1, 32, 32]"), e.getMessage());
    }

    @Test
    void badFineTuningSettingsAndSchedulesAreRefused(@TempDir Path dir) throws Exception {
        Path file = weights(dir, 1);
        Pretrained pretrained = Pretrained.of(zoo(1), file);
        assertMessage("freezeEpochs must be >= 1, got 0", () -> pretrained.withFreezeEpochs(0));
        assertMessage("lrMultiplier must be a finite number >= 1, got 0.5", () -> pretrained.withLrMultiplier(0.5));
        assertMessage("layerGroups must be >= 2", () -> pretrained.withLayerGroups(1));
        ImageRecipe recipe = ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES).transfer(pretrained)
                .withSchedule(new ExponentialSchedule(ScheduleType.ITERATION, 1e-3, 0.99));
        assertMessage("transfer(..) trains each phase with its own 1cycle",
                () -> recipe.fit(TinyImages.make(8, 1, SIDE, 1), null));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
