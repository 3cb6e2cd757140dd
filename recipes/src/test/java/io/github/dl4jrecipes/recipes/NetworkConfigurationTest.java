package io.github.dl4jrecipes.recipes;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkConfigurationTest {

    private static OutputLayer head() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                .activation(Activation.SOFTMAX).build();
    }

    @Test
    void multiLayerInitialisesAMultiLayerNetworkAndRefusesGraph() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(head()).build();
        NetworkConfiguration wrapped = NetworkConfiguration.of(conf);
        assertFalse(wrapped.isGraph());
        assertEquals(conf, wrapped.multiLayer());
        MultiLayerNetwork net = assertInstanceOf(MultiLayerNetwork.class, wrapped.init());
        assertEquals(8, net.numParams());
        assertEquals(conf.toJson(), wrapped.toJson());
        IllegalStateException e = assertThrows(IllegalStateException.class, wrapped::graph);
        assertTrue(e.getMessage().contains("multiLayer()"), e.getMessage());
    }

    @Test
    void graphInitialisesAComputationGraphAndRefusesMultiLayer() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("out", head(), "in").setOutputs("out").build();
        NetworkConfiguration wrapped = NetworkConfiguration.of(conf);
        assertTrue(wrapped.isGraph());
        ComputationGraph net = assertInstanceOf(ComputationGraph.class, wrapped.init());
        assertEquals(8, net.numParams());
        IllegalStateException e = assertThrows(IllegalStateException.class, wrapped::multiLayer);
        assertTrue(e.getMessage().contains("graph()"), e.getMessage());
    }
}
