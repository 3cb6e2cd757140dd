package io.github.dl4jrecipes.core.optim;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static io.github.dl4jrecipes.core.PresetAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class RegularizationPresetsTest {

    private static BaseLayer firstLayer(NeuralNetConfiguration.Builder b) {
        MultiLayerConfiguration conf = b.list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nIn(2).nOut(1).build()).build();
        return (BaseLayer) conf.getConf(0).getLayer();
    }

    @Test
    void penaltiesSetL1L2AndBoth() {
        List<Regularization> l2 = firstLayer(Penalty.l2().applyTo(new NeuralNetConfiguration.Builder())).getRegularization();
        assertEquals(1, l2.size());
        assertEquals(Penalty.DEFAULT_L2, ((L2Regularization) l2.get(0)).getL2().valueAt(0, 0));
        List<Regularization> both = firstLayer(Penalty.elasticNet(1e-5, 1e-3).applyTo(new NeuralNetConfiguration.Builder()))
                .getRegularization();
        assertEquals(2, both.size());
        assertInstanceOf(L1Regularization.class, both.get(0));
        assertEquals(1e-5, ((L1Regularization) both.get(0)).getL1().valueAt(0, 0));
        assertEquals(Penalty.DEFAULT_L1, Penalty.l1().alpha1());
    }

    @Test
    void dropoutTakesTheDropRateAndConvertsToDl4jRetainProbability() {
        Dropout d = (Dropout) Dropouts.dropout(0.2);
        assertEquals(0.8, d.getP(), 1e-12);
        AlphaDropout a = (AlphaDropout) Dropouts.forActivation(Activation.SELU, 0.1);
        assertEquals(0.9, a.getP(), 1e-12);
        assertInstanceOf(Dropout.class, Dropouts.forActivation(Activation.RELU, Dropouts.DEFAULT_HIDDEN_RATE));
    }

    @Test
    void clippingSetsGradientNormalization() {
        BaseLayer byNorm = firstLayer(Clipping.byNorm().applyTo(new NeuralNetConfiguration.Builder()));
        assertEquals(GradientNormalization.ClipL2PerLayer, byNorm.getGradientNormalization());
        assertEquals(Clipping.DEFAULT_NORM, byNorm.getGradientNormalizationThreshold());
        BaseLayer byValue = firstLayer(Clipping.byValue(0.5).applyTo(new NeuralNetConfiguration.Builder()));
        assertEquals(GradientNormalization.ClipElementWiseAbsoluteValue, byValue.getGradientNormalization());
        assertEquals(0.5, byValue.getGradientNormalizationThreshold());
    }

    @Test
    void convBlockIsConvWithoutBiasThenBatchNormThenActivation() {
        List<Layer> block = BatchNormBlocks.conv(4, 3, Activation.RELU);
        ConvolutionLayer conv = (ConvolutionLayer) block.get(0);
        assertFalse(conv.hasBias());
        assertInstanceOf(ActivationIdentity.class, conv.getActivationFn());
        assertInstanceOf(WeightInitRelu.class, conv.getWeightInitFn());
        assertInstanceOf(BatchNormalization.class, block.get(1));
        assertInstanceOf(ActivationReLU.class, ((ActivationLayer) block.get(2)).getActivationFn());

        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1).list();
        block.forEach(list::layer);
        BatchNormBlocks.dense(5, Activation.RELU).forEach(list::layer);
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.convolutional(6, 6, 1)).build());
        net.init();
        assertEquals(7, net.getnLayers());
        assertFalse(((DenseLayer) net.getLayerWiseConfigurations().getConf(3).getLayer()).hasBias());
    }

    @Test
    void badInputNamesTheParameterAndTheFix() {
        assertMessage(() -> Penalty.l2(-1e-4), "alpha2 (L2)", "-1.0E-4");
        assertMessage(() -> Penalty.elasticNet(0, 0), "both 0", "Penalty.l2()");
        assertMessage(() -> Dropouts.dropout(1.0), "dropout rate", "DROPPED", "1.0");
        assertMessage(() -> Dropouts.alphaDropout(0), "dropout rate", "0.0");
        assertMessage(() -> Clipping.byNorm(0), "threshold", "0.0");
        assertMessage(() -> new Clipping(GradientNormalization.None, 1), "mode None", "ClipL2PerLayer");
        assertMessage(() -> BatchNormBlocks.conv(0, 3, Activation.RELU), "nOut", "0");
    }
}
