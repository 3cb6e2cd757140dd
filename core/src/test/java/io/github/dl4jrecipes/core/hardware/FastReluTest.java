package io.github.dl4jrecipes.core.hardware;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ReLU backward pass of {@link FastPath}: DL4J's gradient element for element (including inputs that
 * are exactly 0, where ReLU's derivative is taken as 0; the product may be -0 where DL4J writes 0), installed only in activation layers with the plain
 * ReLU, and never in the configuration a saved model holds.
 */
class FastReluTest {
    private static final int LAYERS_WITH_PLAIN_RELU = 2;
    private String savedSwitch;

    @BeforeEach
    void saveSwitch() {
        savedSwitch = System.getProperty(FastPath.FAST_RELU_PROPERTY);
    }

    @AfterEach
    void restoreSwitch() {
        if (savedSwitch == null) {
            System.clearProperty(FastPath.FAST_RELU_PROPERTY);
        } else {
            System.setProperty(FastPath.FAST_RELU_PROPERTY, savedSwitch);
        }
    }

    @Test
    void sameGradientAsDl4jsReluBpIncludingAtZero() {
        INDArray z = Nd4j.rand(DataType.FLOAT, 4, 3, 5, 5).subi(0.5);
        z.putScalar(new long[] {0, 0, 0, 0}, 0.0);
        z.putScalar(new long[] {1, 2, 3, 4}, -0.0);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 4, 3, 5, 5);

        INDArray expected = new ActivationReLU().backprop(z.dup(), epsilon.dup()).getFirst();
        INDArray actual = activation(installedNetwork(), 1).backprop(z.dup(), epsilon.dup()).getFirst();

        assertTrue(expected.equalsWithEps(actual, 0.0), "every element equal");
        assertTrue(actual.getDouble(0, 0, 0, 0) == 0.0, "0 (or -0) at z = 0");
        assertTrue(actual.getDouble(1, 2, 3, 4) == 0.0, "0 (or -0) at z = -0");
    }

    @Test
    void changesOnlyActivationLayersWithThePlainRelu() {
        MultiLayerNetwork net = network();
        assertEquals(LAYERS_WITH_PLAIN_RELU, FastPath.install(net), "no batch norm here: only the ReLU layers count");
        assertSame(FastRelu.class, activation(net, 1).getClass());
        assertSame(FastRelu.class, activation(net, 4).getClass());
        assertSame(ActivationLReLU.class, activation(net, 2).getClass(), "leaky ReLU is not served by relu_bp");
        assertSame(ActivationReLU.class, activation(net, 3).getClass(), "a capped ReLU keeps DL4J's pass");
        assertSame(ActivationReLU.class, ((ConvolutionLayer) net.getLayer(0).conf().getLayer()).getActivationFn()
                .getClass(), "a convolution's own ReLU is left alone: its configuration is shared with the updater");
    }

    @Test
    void theNetworksConfigurationAndSavedModelKeepDl4jsRelu(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = network();
        String before = net.getLayerWiseConfigurations().toJson();
        FastPath.install(net);
        assertEquals(before, net.getLayerWiseConfigurations().toJson());
        assertFalse(before.contains("FastRelu"));

        Path file = dir.resolve("model.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertSame(ActivationReLU.class, activation(restored, 1).getClass());
    }

    @Test
    void trainsToTheSameParametersAsDl4j() {
        MultiLayerNetwork plain = network();
        MultiLayerNetwork fast = network();
        assertEquals(LAYERS_WITH_PLAIN_RELU, FastPath.install(fast));
        for (int step = 0; step < 5; step++) {
            DataSet batch = batch(step);
            plain.fit(batch);
            fast.fit(batch);
        }
        assertTrue(plain.params().equalsWithEps(fast.params(), 0.0), "bit-for-bit equal parameters");
    }

    @Test
    void switchedOffItLeavesEveryLayerAlone() {
        System.setProperty(FastPath.FAST_RELU_PROPERTY, "false");
        MultiLayerNetwork net = network();
        FastPath.install(net);
        assertSame(ActivationReLU.class, activation(net, 1).getClass());
    }

    private static MultiLayerNetwork installedNetwork() {
        MultiLayerNetwork net = network();
        FastPath.install(net);
        return net;
    }

    private static IActivation activation(MultiLayerNetwork net, int layer) {
        return ((ActivationLayer) net.getLayer(layer).conf().getLayer()).getActivationFn();
    }

    /** conv(ReLU) → ReLU → leaky ReLU → ReLU capped at 6 → ReLU → dense → softmax. */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).updater(new Adam(1e-2)).dataType(DataType.FLOAT)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new ActivationLayer.Builder().activation(new ActivationLReLU(0.1)).build())
                .layer(new ActivationLayer.Builder().activation(new ActivationReLU(6.0, null, null)).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(7, 7, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, 6, 1, 7, 7).subi(0.3);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int i = 0; i < 6; i++) {
            labels.putScalar(i, (i + seed) % 3, 1.0);
        }
        return new DataSet(features, labels);
    }
}
