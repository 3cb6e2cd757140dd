package io.github.dl4jrecipes.core.optim;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.init.WeightInits;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

import java.util.List;
import java.util.Objects;

/**
 * Batch normalisation in the place Ioffe &amp; Szegedy (2015) put it: weights → BN → activation.
 * The weight layer has no bias (BN's β replaces it) and an identity activation; the activation
 * follows as its own layer, with the weight init paired to it.
 *
 * <pre>{@code
 * ListBuilder list = new NeuralNetConfiguration.Builder().list();
 * BatchNormBlocks.conv(32, 3, Activation.RELU).forEach(list::layer);   // conv → BN → ReLU
 * BatchNormBlocks.dense(64, Activation.RELU).forEach(list::layer);     // dense → BN → ReLU
 * }</pre>
 */
public final class BatchNormBlocks {

    private BatchNormBlocks() {
    }

    /**
     * @param nOut       number of filters, ≥ 1
     * @param kernel     square kernel size, ≥ 1 ("same" padding)
     * @param activation activation after BN
     * @return conv (no bias, identity) → BN → activation, three layers
     */
    public static List<Layer> conv(int nOut, int kernel, Activation activation) {
        checkPositive("nOut", nOut);
        checkPositive("kernel", kernel);
        Objects.requireNonNull(activation, "activation");
        ConvolutionLayer conv = new ConvolutionLayer.Builder(kernel, kernel).nOut(nOut)
                .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                .activation(Activation.IDENTITY).weightInit(WeightInits.forActivation(activation))
                .hasBias(false).build();
        return List.of(conv, new BatchNormalization.Builder().build(),
                new ActivationLayer.Builder().activation(activation).build());
    }

    /**
     * @param nOut       number of units, ≥ 1
     * @param activation activation after BN
     * @return dense (no bias, identity) → BN → activation, three layers
     */
    public static List<Layer> dense(int nOut, Activation activation) {
        checkPositive("nOut", nOut);
        Objects.requireNonNull(activation, "activation");
        DenseLayer dense = new DenseLayer.Builder().nOut(nOut).activation(Activation.IDENTITY)
                .weightInit(WeightInits.forActivation(activation)).hasBias(false).build();
        return List.of(dense, new BatchNormalization.Builder().build(),
                new ActivationLayer.Builder().activation(activation).build());
    }

    private static void checkPositive(String name, int value) {
        Args.atLeast(name, value, 1, "pass a positive size");
    }
}
