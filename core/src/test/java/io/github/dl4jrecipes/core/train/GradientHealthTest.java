package io.github.dl4jrecipes.core.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientHealthTest {

    private static MultiLayerNetwork deep(Activation activation, WeightInit init, double lr, int depth) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(3)
                .updater(new Sgd(lr)).weightInit(init).list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? TinyData.FEATURES : 32).nOut(32).activation(activation).build());
        }
        b.layer(TinyData.TASK.outputLayer(32));
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    private static GradientHealthReport train(MultiLayerNetwork net) {
        GradientHealth health = GradientHealth.every(1);
        net.addListeners(health);
        Fit.of(net, TinyData.TASK).withEpochs(2).run(TinyData.iterator(TinyData.blobs(120, 1, 0.5), 30));
        return health.report();
    }

    @Test
    void deepSigmoidStackHasVanishingGradientsInItsFirstLayers() {
        GradientHealthReport report = train(deep(Activation.SIGMOID, WeightInit.XAVIER, 0.01, 10));
        assertEquals(8, report.samples());
        assertEquals(11, report.layers().size());
        assertTrue(report.vanishing().contains("0"), report.toString());
        assertTrue(report.layers().get(0).gradientNorm() < report.layers().get(10).gradientNorm() / 100,
                report.toString());
        assertTrue(report.toString().contains("Vanishing gradients in layers"));
    }

    @Test
    void reluWithHeInitIsHealthy() {
        GradientHealthReport report = train(deep(Activation.RELU, WeightInit.RELU, 0.05, 3));
        assertTrue(report.healthy(), report.toString());
    }

    @Test
    void hugeLearningRateExplodes() {
        GradientHealthReport report = train(deep(Activation.RELU, WeightInit.RELU, 5.0, 2));
        assertTrue(!report.exploding().isEmpty(), report.toString());
    }

    @Test
    void intervalMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientHealth.every(0));
        assertTrue(e.getMessage().contains("iterations must be >= 1, got 0"));
    }
}
