package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.optim.Dropouts;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * A small VGG-style network for 28–64 px images: stages of conv 3×3 → BN → ReLU blocks, each stage
 * ending in a 2×2 max pool, filters doubling per stage from {@link #BASE_FILTERS}; as many stages as
 * halve the shorter side down to about {@link #TARGET_SIDE} pixels (28 px: 2 stages, 64 px: 3);
 * then dense → BN → ReLU and the output layer behind dropout.
 *
 * @param convsPerStage conv blocks per stage, ≥ 1
 */
record SmallCnn(int convsPerStage) implements Architecture {

    /** Filters of the first stage: 32, the usual first width of small CNNs (Keras' MNIST/CIFAR examples). */
    static final int BASE_FILTERS = 32;
    /** Stages stop once the feature maps are about 7 px: where VGG's stages end (224 → 7). */
    static final int TARGET_SIDE = 7;
    /** Conv blocks per stage: 2, as in VGG's first stages; two 3×3 convolutions see a 5×5 field. */
    static final int DEFAULT_CONVS_PER_STAGE = 2;
    /** Units of the dense layer before the output: 256. */
    static final int DENSE_UNITS = 256;
    /** Dropout before the output layer: 0.5, fastai's {@code create_head} default for the last layer. */
    static final double HEAD_DROPOUT = Dropouts.DEFAULT_HIDDEN_RATE;
    /** The smallest side one 2×2 pooling stage accepts with something left to learn from. */
    static final int MIN_SIDE = 4;

    SmallCnn {
        if (convsPerStage < 1) {
            throw new IllegalArgumentException("convsPerStage must be >= 1, got " + convsPerStage
                    + "; use " + DEFAULT_CONVS_PER_STAGE);
        }
    }

    /** The preset: {@link #DEFAULT_CONVS_PER_STAGE} conv blocks per stage. */
    static SmallCnn defaults() {
        return new SmallCnn(DEFAULT_CONVS_PER_STAGE);
    }

    @Override
    public String name() {
        return "small";
    }

    @Override
    public void check(ImageShape shape) {
        if (shape.height() < MIN_SIDE || shape.width() < MIN_SIDE) {
            throw new IllegalArgumentException("small() needs images of at least " + MIN_SIDE + "×" + MIN_SIDE
                    + " pixels, got " + shape.height() + "×" + shape.width() + "; resize the images");
        }
    }

    /** The number of stages for images of {@code shape}. */
    static int stages(ImageShape shape) {
        return Layers.halvings(Math.min(shape.height(), shape.width()), TARGET_SIDE);
    }

    @Override
    public String addTo(GraphBuilder graph, String input, ImageShape shape, Task task) {
        String last = input;
        int filters = BASE_FILTERS;
        for (int stage = 1; stage <= stages(shape); stage++) {
            for (int block = 1; block <= convsPerStage; block++) {
                last = Layers.convBnRelu(graph, "s" + stage + "b" + block, last, filters, 1);
            }
            last = Layers.maxPool(graph, "s" + stage + "_pool", last);
            filters *= 2;
        }
        graph.addLayer("dense", new DenseLayer.Builder().nOut(DENSE_UNITS).activation(Activation.IDENTITY)
                .weightInit(WeightInits.forActivation(Layers.ACTIVATION)).hasBias(false).build(), last);
        graph.addLayer("dense_bn", new BatchNormalization.Builder().build(), "dense");
        String features = Layers.relu(graph, "dense", "dense_bn");
        OutputLayer head = task.outputLayer();
        head.setIDropout(Dropouts.dropout(HEAD_DROPOUT));
        graph.addLayer("output", head, features);
        return "output";
    }
}
