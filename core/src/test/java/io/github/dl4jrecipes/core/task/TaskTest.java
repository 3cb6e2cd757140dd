package io.github.dl4jrecipes.core.task;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.List;

import static io.github.dl4jrecipes.core.PresetAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskTest {

    @Test
    void factoriesDeriveActivationLossNOutAndMetric() {
        Task binary = Task.binary();
        assertEquals(Activation.SIGMOID, binary.outputActivation());
        assertInstanceOf(LossBinaryXENT.class, binary.lossFunction());
        assertEquals(1, binary.nOut());
        assertEquals(Metric.ACCURACY, binary.metric());

        Task multi = Task.multiclass(10);
        assertEquals(Activation.SOFTMAX, multi.outputActivation());
        assertInstanceOf(LossMCXENT.class, multi.lossFunction());
        assertEquals(10, multi.nOut());
        assertEquals(Metric.ACCURACY, multi.metric());

        Task labels = Task.multilabel(5);
        assertEquals(Activation.SIGMOID, labels.outputActivation());
        assertInstanceOf(LossBinaryXENT.class, labels.lossFunction());
        assertEquals(5, labels.nOut());
        assertEquals(Metric.F1, labels.metric());

        Task reg = Task.regression(3);
        assertEquals(Activation.IDENTITY, reg.outputActivation());
        assertInstanceOf(LossMSE.class, reg.lossFunction());
        assertEquals(3, reg.nOut());
        assertEquals(Metric.RMSE, reg.metric());

        Task positive = Task.positiveRegression(2);
        assertEquals(Activation.SOFTPLUS, positive.outputActivation());
        assertInstanceOf(LossMSE.class, positive.lossFunction());
        assertEquals(Metric.RMSE, positive.metric());
        assertEquals(Activation.RELU, positive.withOutputActivation(Activation.RELU).outputActivation());
    }

    @Test
    void regressionTakesL1AndHuberOptions() {
        assertInstanceOf(LossL1.class, Task.regression(1).withLoss(TaskLoss.L1).lossFunction());
        HuberLoss huber = (HuberLoss) Task.regression(1).withHuberLoss(2.5).lossFunction();
        assertEquals(2.5, huber.delta());
        assertInstanceOf(HuberLoss.class, Task.positiveRegression(1).withLoss(TaskLoss.HUBER).lossFunction());
    }

    @Test
    void outputLayerCarriesTheDerivedSettings() {
        OutputLayer layer = Task.multiclass(4).outputLayer(16);
        assertEquals(16, layer.getNIn());
        assertEquals(4, layer.getNOut());
        assertInstanceOf(ActivationSoftmax.class, layer.getActivationFn());
        assertInstanceOf(LossMCXENT.class, layer.getLossFn());
        assertInstanceOf(WeightInitXavier.class, layer.getWeightInitFn());

        OutputLayer relu = Task.positiveRegression(1).withOutputActivation(Activation.RELU).outputLayer();
        assertInstanceOf(WeightInitRelu.class, relu.getWeightInitFn());
        assertInstanceOf(ActivationSoftPlus.class, Task.positiveRegression(1).outputLayer().getActivationFn());
        assertInstanceOf(ActivationSigmoid.class, Task.binary().outputLayer().getActivationFn());
    }

    @Test
    void outputLayerTrainsInAPlainDl4jNetworkWithInferredNIn() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 3).subi(0.5);
        INDArray y = x.getColumn(0).gt(0).castTo(DataType.FLOAT).reshape(-1, 1);
        Task task = Task.binary();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(task.outputLayer())
                .setInputType(InputType.feedForward(3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = new DataSet(x, y);
        for (int i = 0; i < 200; i++) {
            net.fit(data);
        }
        assertTrue(task.evaluate(y, net.output(x)) > 0.9, "accuracy after training");
    }

    @Test
    void evaluateUsesArgMaxForMultiClass() {
        INDArray labels = Nd4j.createFromArray(new float[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}});
        INDArray probs = Nd4j.createFromArray(new float[][]{{0.4f, 0.3f, 0.3f}, {0.2f, 0.5f, 0.3f},
                {0.45f, 0.1f, 0.45f + 1e-3f}, {0.6f, 0.1f, 0.3f}});
        assertEquals(0.75, Task.multiclass(3).evaluate(labels, probs), 1e-12);
    }

    @Test
    void helperMetricsAreKeptInOrder() {
        Task task = Task.regression(1).withHelperMetric("latency_ms").withHelperMetric("params");
        assertEquals(List.of("latency_ms", "params"), task.helperMetrics());
    }

    @Test
    void multiclassWithFewerThanTwoClassesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.multiclass(1));
        assertTrue(e.getMessage().contains("nClasses") && e.getMessage().contains("1")
                && e.getMessage().contains("Task.binary()"), e.getMessage());
    }

    @Test
    void badCombinationsNameTheParameterAndTheFix() {
        assertMessage(() -> Task.regression(0), "nOut", "0");
        assertMessage(() -> Task.multilabel(-2), "nOut", "-2");
        assertMessage(() -> Task.binary().withMetric(Metric.RMSE), "metric RMSE", "ACCURACY, F1 or MCC");
        assertMessage(() -> Task.multiclass(3).withMetric(Metric.MCC), "metric MCC", "ACCURACY or F1");
        assertMessage(() -> Task.regression(1).withMetric(Metric.ACCURACY), "metric ACCURACY", "RMSE or R2");
        assertMessage(() -> Task.binary().withLoss(TaskLoss.MSE), "loss MSE", "XENT");
        assertMessage(() -> Task.regression(1).withLoss(TaskLoss.XENT), "loss XENT", "MSE, L1 or HUBER");
        assertMessage(() -> Task.regression(1).withOutputActivation(Activation.TANH), "outputActivation TANH", "IDENTITY");
        assertMessage(() -> Task.regression(1).withHuberLoss(0), "huberDelta", "0.0");
        assertMessage(() -> Task.regression(1).withHelperMetric(" "), "helperMetrics", "latency_ms");
        assertMessage(() -> Task.binary().outputLayer(0), "nIn", "setInputType");
        assertMessage(() -> Task.multiclass(3).evaluate(Nd4j.zeros(2, 2), Nd4j.zeros(2, 2)), "labels", "[examples, 3]");
    }

}
