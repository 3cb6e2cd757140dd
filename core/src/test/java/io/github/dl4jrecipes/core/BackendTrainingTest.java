package io.github.dl4jrecipes.core;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves that the backend the build selected trains a DL4J network. */
class BackendTrainingTest {

    @Test
    void lossFallsOnASyntheticProblem() {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 4).subi(0.5);
        // label: is the sum of the first two features positive?
        INDArray positive = x.getColumn(0).add(x.getColumn(1)).gt(0).castTo(DataType.FLOAT);
        INDArray y = Nd4j.hstack(positive.rsub(1.0).reshape(-1, 1), positive.reshape(-1, 1));
        DataSet data = new DataSet(x, y);

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(2).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        double before = net.score(data);
        for (int i = 0; i < 100; i++) {
            net.fit(data);
        }
        double after = net.score(data);

        assertTrue(after < before * 0.5, "loss " + before + " -> " + after);
    }
}
