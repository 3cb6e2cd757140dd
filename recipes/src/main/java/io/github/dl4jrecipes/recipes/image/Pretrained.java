package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.train.internal.ModelZip;
import io.github.dl4jrecipes.recipes.RecipeSetting;
import io.github.dl4jrecipes.recipes.Setting;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.zoo.ZooModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DL4J zoo architecture and a local file of its trained weights, for
 * {@link ImageRecipe#transfer(Pretrained)}. The file is a DL4J model zip (what
 * {@code ZooModel.initPretrained()} downloads, or what {@code ModelSerializer.writeModel} saves);
 * nothing is downloaded. Its parameters must have exactly the shapes of the architecture as
 * configured (input shape and number of classes), else {@link ImageRecipe#fit} and
 * {@link ImageRecipe#build()} refuse it naming the first parameter that differs.
 *
 * <p>Fine-tuning follows fastai's {@code fine_tune}: the output layer is replaced by one for the
 * recipe's classes; {@link #freezeEpochs()} epochs train it alone (1cycle at the peak LR, warm-up
 * 0.99), then every layer trains for the recipe's epochs with 1cycle at half that peak (warm-up 0.3,
 * start at peak / 5) and discriminative learning rates: the layers are cut into
 * {@link #layerGroups()} groups, the head's group at the peak and each earlier one lower, down to
 * peak / {@link #lrMultiplier()} for the first.
 *
 * <pre>{@code
 * ZooModel<?> zoo = SqueezeNet.builder().numClasses(1000).build();            // ImageNet 3×227×227
 * ImageRecipe recipe = ImageRecipe.classifier(227, 227, 3, 5)
 *         .transfer(Pretrained.of(zoo, Path.of("squeezenet_dl4j_inference.v2.zip")));
 * }</pre>
 *
 * @param architecture the zoo model as it was trained (input shape, classes)
 * @param weights      the model zip with its trained weights
 * @param freezeEpochs epochs with the body frozen, ≥ 1
 * @param lrMultiplier the head's LR over the first group's, ≥ 1
 * @param layerGroups  groups with their own LR, ≥ 2
 */
public record Pretrained(ZooModel<?> architecture, Path weights, int freezeEpochs, double lrMultiplier,
                         int layerGroups) {

    /** One epoch with the body frozen: fastai's {@code fine_tune(freeze_epochs=1)}. */
    public static final int DEFAULT_FREEZE_EPOCHS = 1;
    /** The first group learns 100× slower than the head: fastai's {@code fine_tune(lr_mult=100)}. */
    public static final double DEFAULT_LR_MULTIPLIER = 100;
    /** Three groups (early body, late body, head), as fastai's splits for most vision models. */
    public static final int DEFAULT_LAYER_GROUPS = 3;
    /** Warm-up fraction of the frozen phase: 0.99, fastai's {@code fine_tune}. */
    static final double FROZEN_PCT_START = 0.99;
    /** Warm-up fraction of the unfrozen phase: 0.3, fastai's {@code fine_tune}. */
    static final double UNFROZEN_PCT_START = 0.3;
    /** The unfrozen phase starts at peak / 5: fastai's {@code fine_tune(div=5)}. */
    static final double UNFROZEN_DIV = 5;
    /** The unfrozen phase peaks at half the frozen phase's LR: fastai's {@code base_lr /= 2}. */
    static final double UNFROZEN_LR_FACTOR = 0.5;

    /** Validates the settings. */
    public Pretrained {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(weights, "weights");
        if (freezeEpochs < 1) {
            throw new IllegalArgumentException("freezeEpochs must be >= 1, got " + freezeEpochs + "; use "
                    + DEFAULT_FREEZE_EPOCHS);
        }
        if (!(lrMultiplier >= 1) || Double.isInfinite(lrMultiplier)) {
            throw new IllegalArgumentException("lrMultiplier must be a finite number >= 1, got " + lrMultiplier
                    + "; use " + DEFAULT_LR_MULTIPLIER);
        }
        if (layerGroups < 2) {
            throw new IllegalArgumentException("layerGroups must be >= 2 (body and head), got " + layerGroups
                    + "; use " + DEFAULT_LAYER_GROUPS);
        }
    }

    /**
     * @param architecture the zoo model configured as the weights were trained
     * @param weights      a DL4J model zip of that architecture
     * @return fastai's fine-tuning defaults
     */
    public static Pretrained of(ZooModel<?> architecture, Path weights) {
        return new Pretrained(architecture, weights, DEFAULT_FREEZE_EPOCHS, DEFAULT_LR_MULTIPLIER,
                DEFAULT_LAYER_GROUPS);
    }

    /** A copy with another number of frozen epochs. */
    public Pretrained withFreezeEpochs(int freezeEpochs) {
        return new Pretrained(architecture, weights, freezeEpochs, lrMultiplier, layerGroups);
    }

    /** A copy with another ratio of the head's LR to the first group's. */
    public Pretrained withLrMultiplier(double lrMultiplier) {
        return new Pretrained(architecture, weights, freezeEpochs, lrMultiplier, layerGroups);
    }

    /** A copy with another number of LR groups. */
    public Pretrained withLayerGroups(int layerGroups) {
        return new Pretrained(architecture, weights, freezeEpochs, lrMultiplier, layerGroups);
    }

    /** The zoo model's name. */
    String name() {
        return architecture.getClass().getSimpleName();
    }

    /** The card's rows for the transfer settings. */
    List<RecipeSetting> settings() {
        return List.of(
                Setting.user(name()).render("transfer.architecture"),
                Setting.user(weights.toAbsolutePath()).render("transfer.weights"),
                Setting.userOr(Setting.byDefault(DEFAULT_FREEZE_EPOCHS, "fastai fine_tune freeze_epochs=1"),
                        freezeEpochs).render("transfer.freezeEpochs"),
                Setting.userOr(Setting.byDefault(DEFAULT_LR_MULTIPLIER, "fastai fine_tune lr_mult=100"),
                        lrMultiplier).render("transfer.lrMultiplier"),
                Setting.userOr(Setting.byDefault(DEFAULT_LAYER_GROUPS, "early body, late body, head"), layerGroups)
                        .render("transfer.layerGroups"));
    }

    /** Refuses a recipe whose image shape is not the architecture's input shape. */
    void check(ImageShape shape) {
        int[][] inputs = architecture.metaData().getInputShape();
        int[] input = inputs.length == 1 ? inputs[0] : null;
        if (input == null || input.length != 3 || input[0] != shape.channels() || input[1] != shape.height()
                || input[2] != shape.width()) {
            throw new IllegalArgumentException("transfer: " + name() + " takes images of "
                    + Arrays.deepToString(inputs) + " (channels, height, width) but the recipe was built for ["
                    + shape.channels() + ", " + shape.height() + ", " + shape.width() + "]; build the recipe with "
                    + "the architecture's input shape and resize the images to it");
        }
    }

    /**
     * The pretrained network with a new output layer for {@code task}, every layer trained with
     * {@code updater} unless frozen.
     *
     * @param freeze whether to freeze everything below the new output layer
     */
    ComputationGraph withNewHead(IUpdater updater, double weightDecay, Task task, long seed, boolean freeze) {
        ComputationGraph body = load();
        ComputationGraphConfiguration conf = body.getConfiguration();
        String output = conf.getNetworkOutputs().get(0);
        List<String> inputs = conf.getVertexInputs().get(output);
        Layer head = conf.getVertices().get(output) instanceof LayerVertex vertex ? vertex.getLayerConf().getLayer() : null;
        if (!(head instanceof BaseOutputLayer old) || inputs.size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("transfer: " + name() + " must end in one output layer with one "
                    + "input for its head to be replaced, but its output '" + output + "' is "
                    + (head == null ? "not a layer" : head.getClass().getSimpleName())
                    + "; pick a zoo classifier such as SqueezeNet, ResNet50, VGG16 or LeNet");
        }
        FineTuneConfiguration.Builder tune = new FineTuneConfiguration.Builder().seed(seed).updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (weightDecay > 0) {
            tune.weightDecay(weightDecay, true);
        }
        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(body)
                .fineTuneConfiguration(tune.build())
                .removeVertexKeepConnections(output)
                .addLayer(output, task.outputLayer(old.getNIn()), inputs.get(0))
                .setOutputs(output);
        if (freeze) {
            builder.setFeatureExtractor(inputs.get(0));
        }
        ComputationGraph net = builder.build();
        net.getConfiguration().setCacheMode(CacheMode.DEVICE);
        return net;
    }

    /** The configuration of {@link #withNewHead} unfrozen. */
    ComputationGraphConfiguration configuration(IUpdater updater, double weightDecay, Task task, long seed) {
        return withNewHead(updater, weightDecay, task, seed, false).getConfiguration();
    }

    /**
     * An initialised network of {@code conf} (a new-head configuration) whose body holds the
     * pretrained weights.
     */
    ComputationGraph network(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        copyMatching(load(), net);
        return net;
    }

    /** Copies every parameter of {@code from} that {@code to} has with the same name and shape. */
    static void copyMatching(ComputationGraph from, ComputationGraph to) {
        Map<String, INDArray> target = to.paramTable();
        from.paramTable().forEach((name, value) -> {
            INDArray slot = target.get(name);
            if (slot != null && Arrays.equals(slot.shape(), value.shape())) {
                to.setParam(name, value);
            }
        });
    }

    /** Reads the weights file and checks it against the architecture. */
    ComputationGraph load() {
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("transfer: weights file " + weights + " does not exist; pass the "
                    + "DL4J model zip of " + name() + " (ZooModel.initPretrained() caches it under ~/.deeplearning4j)");
        }
        Model expected = architecture.init();
        Model found;
        try {
            // never ModelSerializer.restore…: it deserializes a preprocessor.bin entry of the file
            found = ModelZip.read(weights, MultiLayerNetwork.class.equals(architecture.modelType())
                    ? Net.Mln.KIND : Net.Graph.KIND, false).net().model();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("transfer: weights file " + weights + " is not a DL4J "
                    + architecture.modelType().getSimpleName() + " zip of " + name() + " (" + e.getMessage()
                    + "); pass a file written by ModelSerializer.writeModel for this architecture", e);
        }
        compare(expected.paramTable(), found.paramTable());
        return found instanceof MultiLayerNetwork mln ? mln.toComputationGraph() : (ComputationGraph) found;
    }

    private void compare(Map<String, INDArray> expected, Map<String, INDArray> found) {
        for (Map.Entry<String, INDArray> entry : expected.entrySet()) {
            INDArray other = found.get(entry.getKey());
            if (other == null || !Arrays.equals(other.shape(), entry.getValue().shape())) {
                throw new IllegalArgumentException("transfer: weights file " + weights + " does not match "
                        + name() + ": parameter " + entry.getKey() + " is "
                        + (other == null ? "missing" : Arrays.toString(other.shape())) + " in the file but "
                        + Arrays.toString(entry.getValue().shape()) + " in the architecture; pass weights saved "
                        + "from " + name() + " configured with the same input shape and number of classes");
            }
        }
        if (found.size() != expected.size()) {
            throw new IllegalArgumentException("transfer: weights file " + weights + " does not match " + name()
                    + ": it has " + found.size() + " parameter arrays, the architecture " + expected.size()
                    + "; pass weights saved from " + name() + " configured as the weights were trained");
        }
    }
}
