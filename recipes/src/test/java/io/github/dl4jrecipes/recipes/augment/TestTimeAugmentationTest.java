package io.github.dl4jrecipes.recipes.augment;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTimeAugmentationTest {
    private static final ImageShape SHAPE = ImageShape.of(1, 6, 6);

    @Test
    void withoutAugmentationItIsThePlainPrediction() {
        MultiLayerNetwork net = net();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 6, 6);
        INDArray tta = new TestTimeAugmentation(Augment.none(), SHAPE, 3, 1).predict(net, x);
        assertEquals(net.output(x), tta);
    }

    @Test
    void averagesProbabilitiesOverAugmentedCopies() {
        MultiLayerNetwork net = net();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 6, 6);
        INDArray tta = TestTimeAugmentation.of(Augment.heavy(), SHAPE).predict(net, x);
        assertArrayEquals(new long[]{4, 3}, tta.shape());
        assertEquals(4, tta.sumNumber().doubleValue(), 1e-4, "rows still sum to 1");
        assertNotEquals(net.output(x), tta);
        assertTrue(TestTimeAugmentation.of(Augment.heavy(), SHAPE).policy().mixupAlpha() == 0,
                "mixup is training-only");
    }

    @Test
    void rejectsFewerThanOneCopy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TestTimeAugmentation(Augment.light(), SHAPE, 0, 1));
        assertTrue(e.getMessage().contains("copies"), e.getMessage());
    }

    private static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build());
        net.init();
        return net;
    }
}
