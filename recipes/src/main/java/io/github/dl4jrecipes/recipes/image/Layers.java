package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.init.WeightInits;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The building blocks the architectures share, added to a graph under readable names. Batch norm
 * sits where Ioffe &amp; Szegedy (2015) put it, as in {@code BatchNormBlocks}: convolution without
 * bias and with an identity activation, batch norm, then the activation as its own layer.
 */
final class Layers {

    /** Every block is ReLU: the default of the CNN literature the presets follow. */
    static final Activation ACTIVATION = Activation.RELU;
    /** 3×3 kernels throughout (Simonyan &amp; Zisserman, 2015): two stacked see as far as a 5×5, with fewer weights. */
    static final int KERNEL = 3;
    /** Max pooling 2×2 with stride 2 halves each side. */
    static final int POOL = 2;

    private Layers() {
    }

    /**
     * conv (no bias) → BN, without the activation: the form a residual block needs before the add.
     *
     * @return the name of the batch-norm layer
     */
    static String convBn(GraphBuilder graph, String name, String input, int filters, int kernel, int stride) {
        graph.addLayer(name + "_conv", new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .nOut(filters).convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY)
                .weightInit(WeightInits.forActivation(ACTIVATION)).hasBias(false).build(), input);
        graph.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name + "_conv");
        return name + "_bn";
    }

    /**
     * conv (no bias) → BN → ReLU.
     *
     * @return the name of the activation layer
     */
    static String convBnRelu(GraphBuilder graph, String name, String input, int filters, int stride) {
        return relu(graph, name, convBn(graph, name, input, filters, KERNEL, stride));
    }

    /** @return the name of a ReLU layer added after {@code input} */
    static String relu(GraphBuilder graph, String name, String input) {
        graph.addLayer(name + "_relu", new ActivationLayer.Builder().activation(ACTIVATION).build(), input);
        return name + "_relu";
    }

    /** @return the name of a 2×2 max-pooling layer added after {@code input} */
    static String maxPool(GraphBuilder graph, String name, String input) {
        graph.addLayer(name, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(POOL, POOL).stride(POOL, POOL).build(), input);
        return name;
    }

    /**
     * The number of 2×2 downsamplings that take the shorter side of an image down to about
     * {@code targetSide}: {@code max(1, floor(log2(side / targetSide)))}.
     */
    static int halvings(int side, int targetSide) {
        int halvings = 0;
        while (side / (1 << (halvings + 1)) >= targetSide) {
            halvings++;
        }
        return Math.max(1, halvings);
    }
}
