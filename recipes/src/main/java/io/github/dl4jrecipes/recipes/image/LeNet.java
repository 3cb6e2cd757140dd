package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * LeNet-5 as in DL4J's examples (LeCun et al., 1998): conv 5×5×20 → max pool → conv 5×5×50 →
 * max pool → dense 500 → output, valid ("truncate") convolutions. The reference the other presets
 * are measured against; the one change is ReLU on the convolutions, whose identity activation in
 * the DL4J example makes two linear maps in a row.
 */
record LeNet() implements Architecture {

    /** Filters of the first convolution (DL4J's LeNet example). */
    static final int CONV1_FILTERS = 20;
    /** Filters of the second convolution (DL4J's LeNet example). */
    static final int CONV2_FILTERS = 50;
    /** Units of the dense layer (DL4J's LeNet example). */
    static final int DENSE_UNITS = 500;
    /** Kernel size of both convolutions (LeNet-5). */
    static final int KERNEL = 5;
    /** The smallest side that survives two valid 5×5 convolutions and two 2×2 poolings. */
    static final int MIN_SIDE = 16;

    @Override
    public String name() {
        return "lenet";
    }

    @Override
    public void check(ImageShape shape) {
        if (shape.height() < MIN_SIDE || shape.width() < MIN_SIDE) {
            throw new IllegalArgumentException("lenet() needs images of at least " + MIN_SIDE + "×" + MIN_SIDE
                    + " pixels (two valid 5×5 convolutions and two 2×2 poolings), got " + shape.height() + "×"
                    + shape.width() + "; use small() for smaller images or resize them");
        }
    }

    @Override
    public String addTo(GraphBuilder graph, String input, ImageShape shape, Task task) {
        graph.addLayer("conv1", conv(CONV1_FILTERS), input);
        graph.addLayer("pool1", pool(), "conv1");
        graph.addLayer("conv2", conv(CONV2_FILTERS), "pool1");
        graph.addLayer("pool2", pool(), "conv2");
        graph.addLayer("dense", new DenseLayer.Builder().nOut(DENSE_UNITS).activation(Layers.ACTIVATION)
                .weightInit(WeightInits.forActivation(Layers.ACTIVATION)).build(), "pool2");
        graph.addLayer("output", task.outputLayer(), "dense");
        return "output";
    }

    private static ConvolutionLayer conv(int filters) {
        return new ConvolutionLayer.Builder(KERNEL, KERNEL).nOut(filters).convolutionMode(ConvolutionMode.Truncate)
                .activation(Layers.ACTIVATION).weightInit(WeightInits.forActivation(Layers.ACTIVATION)).build();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(Layers.POOL, Layers.POOL)
                .stride(Layers.POOL, Layers.POOL).build();
    }
}
