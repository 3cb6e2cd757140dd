package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * A small residual network (He et al., 2016) for 28–64 px images: a 3×3 stem, then stages of basic
 * blocks (conv 3×3 → BN → ReLU → conv 3×3 → BN, added to the shortcut, then ReLU). The first stage
 * keeps the resolution; each further stage halves it with a stride-2 convolution and a 1×1
 * projection shortcut and doubles the filters, as many times as take the shorter side to about
 * {@link SmallCnn#TARGET_SIDE} px (28 px: 3 stages of 32, 64, 128 filters). Global average pooling
 * feeds the output layer, as in ResNet.
 *
 * @param blocksPerStage basic blocks per stage, ≥ 1
 */
record SmallResNet(int blocksPerStage) implements Architecture {

    /** Filters of the stem and the first stage: 32, the width of {@link SmallCnn}'s first stage. */
    static final int BASE_FILTERS = 32;
    /** One basic block per stage: a ResNet-8 at 28 px, the size that fits CPU training in minutes. */
    static final int DEFAULT_BLOCKS_PER_STAGE = 1;
    /** Stride of the convolution that opens a downsampling stage. */
    static final int DOWNSAMPLE_STRIDE = 2;
    /** Kernel of the projection shortcut (He et al., 2016, option B). */
    static final int PROJECTION_KERNEL = 1;
    /** The smallest side one downsampling stage accepts. */
    static final int MIN_SIDE = SmallCnn.MIN_SIDE;

    SmallResNet {
        if (blocksPerStage < 1) {
            throw new IllegalArgumentException("blocksPerStage must be >= 1, got " + blocksPerStage
                    + "; use " + DEFAULT_BLOCKS_PER_STAGE);
        }
    }

    /** The preset: {@link #DEFAULT_BLOCKS_PER_STAGE} block per stage. */
    static SmallResNet defaults() {
        return new SmallResNet(DEFAULT_BLOCKS_PER_STAGE);
    }

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public void check(ImageShape shape) {
        if (shape.height() < MIN_SIDE || shape.width() < MIN_SIDE) {
            throw new IllegalArgumentException("resnet() needs images of at least " + MIN_SIDE + "×" + MIN_SIDE
                    + " pixels, got " + shape.height() + "×" + shape.width() + "; resize the images");
        }
    }

    @Override
    public String addTo(GraphBuilder graph, String input, ImageShape shape, Task task) {
        String last = Layers.convBnRelu(graph, "stem", input, BASE_FILTERS, 1);
        int stages = 1 + Layers.halvings(Math.min(shape.height(), shape.width()), SmallCnn.TARGET_SIDE);
        int filters = BASE_FILTERS;
        for (int stage = 1; stage <= stages; stage++) {
            for (int block = 1; block <= blocksPerStage; block++) {
                boolean downsample = stage > 1 && block == 1;
                last = basicBlock(graph, "s" + stage + "b" + block, last, filters, downsample);
            }
            filters *= 2;
        }
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
        graph.addLayer("output", task.outputLayer(), "pool");
        return "output";
    }

    private static String basicBlock(GraphBuilder graph, String name, String input, int filters, boolean downsample) {
        int stride = downsample ? DOWNSAMPLE_STRIDE : 1;
        String first = Layers.convBnRelu(graph, name + "a", input, filters, stride);
        String second = Layers.convBn(graph, name + "b", first, filters, Layers.KERNEL, 1);
        String shortcut = downsample
                ? Layers.convBn(graph, name + "proj", input, filters, PROJECTION_KERNEL, stride)
                : input;
        graph.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), second, shortcut);
        return Layers.relu(graph, name, name + "_add");
    }
}
