package io.github.dl4jrecipes.core.task;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.github.dl4jrecipes.core.PresetAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HuberLossTest {

    private final HuberLoss loss = new HuberLoss(1.0);
    private final INDArray labels = Nd4j.createFromArray(new double[][]{{0, 0}, {1, 1}});
    private final INDArray output = Nd4j.createFromArray(new double[][]{{0.5, -3}, {1, 3.5}});

    @Test
    void scoreIsQuadraticInsideDeltaAndLinearOutside() {
        // residuals 0.5, -3, 0, 2.5 -> 0.125, 1*(3-0.5)=2.5, 0, 1*(2.5-0.5)=2
        INDArray perExample = loss.computeScoreArray(labels, output, new ActivationIdentity(), null);
        assertEquals(0.125 + 2.5, perExample.getDouble(0), 1e-12);
        assertEquals(2.0, perExample.getDouble(1), 1e-12);
        assertEquals((0.125 + 2.5 + 2.0) / 2, loss.computeScore(labels, output, new ActivationIdentity(), null, true), 1e-12);
    }

    @Test
    void gradientIsTheClippedResidual() {
        INDArray grad = loss.computeGradient(labels, output, new ActivationIdentity(), null);
        assertEquals(Nd4j.createFromArray(new double[][]{{0.5, -1}, {0, 1}}), grad);
    }

    @Test
    void survivesConfigurationJson() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder().lossFunction(new HuberLoss(0.3)).activation(org.nd4j.linalg.activations.Activation.IDENTITY).nIn(2).nOut(1).build()).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(new HuberLoss(0.3), ((OutputLayer) back.getConf(0).getLayer()).getLossFn());
    }

    @Test
    void nonPositiveDeltaIsRejected() {
        assertMessage(() -> new HuberLoss(-1), "Huber delta", "-1.0", "DEFAULT_DELTA");
    }
}
