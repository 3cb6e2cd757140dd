package io.github.dl4jrecipes.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The data layer end to end with DL4J: penguins CSV → split → {@link InMemoryIterator} →
 * {@code MultiLayerNetwork.fit(iterator, epochs)}, which wraps the iterator in DL4J's async
 * prefetch because it reports {@code asyncSupported()}.
 */
class PenguinsTrainingTest {

    @Test
    void aSmallNetworkLearnsPenguinSpeciesFromTheSplit() {
        TabularSplit split = TabularData.penguins().split(0.8, 42);
        TabularTransform transform = split.transform();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(transform.numInputs()).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(transform.numOutputs())
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        InMemoryIterator train = InMemoryIterator.shuffled(split.train(), 32, 42);
        net.fit(train, 20);
        assertEquals(19, train.epoch(), "20 epochs: the network reset the iterator between them");
        Evaluation eval = net.evaluate(InMemoryIterator.sequential(split.valid(), 64));
        assertTrue(eval.accuracy() > 0.9, eval.stats());
    }
}
