package io.github.dl4jrecipes.recipes.augment;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTimeAugmentationTest {
    private static final ImageShape SHAPE = ImageShape.of(1, 6, 6);
    private static final List<String> CLASSES = List.of("a", "b", "c");

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

    @Test
    void evaluatesEveryBatchWithTheAveragedPrediction() {
        MultiLayerNetwork net = net();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 1, 6, 6);
        INDArray labels = Nd4j.eye(3).castTo(DataType.FLOAT).repeat(0, 4).get(NDArrayIndex.interval(0, 10),
                NDArrayIndex.all());
        TestTimeAugmentation tta = TestTimeAugmentation.of(Augment.heavy(), SHAPE);
        Evaluation evaluation = tta.evaluate(net, new ListDataSetIterator<>(new DataSet(x, labels).asList(), 4),
                CLASSES);

        Evaluation expected = new Evaluation(CLASSES);
        for (int start = 0; start < 10; start += 4) {
            var rows = NDArrayIndex.interval(start, Math.min(10, start + 4));
            INDArray batch = x.get(rows);
            expected.eval(labels.get(rows), tta.predict(net, batch));
        }
        assertEquals(10, evaluation.getNumRowCounter(), "every example of every batch");
        assertEquals(expected.accuracy(), evaluation.accuracy(), 1e-12);
        assertEquals(expected.getConfusionMatrix(), evaluation.getConfusionMatrix());
    }

    @Test
    void evaluationRejectsMismatchedClassNames() {
        DataSet one = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 1, 6, 6), Nd4j.eye(2).castTo(DataType.FLOAT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestTimeAugmentation
                .of(Augment.light(), SHAPE).evaluate(net(), new ListDataSetIterator<>(one.asList(), 2), CLASSES));
        assertTrue(e.getMessage().contains("classNames has 3 names but the labels have 2 columns"), e.getMessage());
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
