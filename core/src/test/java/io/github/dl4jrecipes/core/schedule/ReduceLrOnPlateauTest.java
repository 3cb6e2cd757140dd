package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.task.Metric;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static io.github.dl4jrecipes.core.PresetAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReduceLrOnPlateauTest {

    private static MultiLayerNetwork net(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2).updater(updater)
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1).build())
                .build());
        net.init();
        return net;
    }

    private static double lr(MultiLayerNetwork net, int layer) {
        BaseLayer l = (BaseLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer();
        return l.getIUpdater().getLearningRate(net.getIterationCount(), net.getEpochCount());
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 16, 3);
        return new DataSet(x, Nd4j.rand(DataType.DOUBLE, 16, 1));
    }

    @Test
    void followsPyTorchPatienceAndCooldownRules() {
        MultiLayerNetwork net = net(new Sgd(0.1));
        ReduceLrOnPlateau plateau = ReduceLrOnPlateau.onTrainingLoss().withPatience(2).withCooldown(1);
        double[] losses = {1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};
        int[] reductionsAfter = {0, 0, 0, 0, 1, 1, 1, 1, 2};
        for (int i = 0; i < losses.length; i++) {
            plateau.step(net, losses[i]);
            assertEquals(reductionsAfter[i], plateau.reductions(), "after value " + i);
        }
        assertEquals(0.1 * 0.1 * 0.1, lr(net, 0), 1e-15);
        assertEquals(0.001, lr(net, 1), 1e-15);
    }

    @Test
    void aTinyRelativeGainIsNotAnImprovementAndHigherIsBetterWorks() {
        MultiLayerNetwork net = net(new Sgd(0.1));
        ReduceLrOnPlateau lower = ReduceLrOnPlateau.onTrainingLoss().withPatience(0);
        lower.step(net, 1.0);
        lower.step(net, 1.0 - 1e-5);                  // < 1e-4 relative: a bad epoch
        assertEquals(1, lower.reductions());
        ReduceLrOnPlateau higher = ReduceLrOnPlateau.on(m -> 0, Metric.Direction.HIGHER_IS_BETTER).withPatience(0);
        higher.step(net, 0.5);
        higher.step(net, 0.6);
        assertEquals(0, higher.reductions());
        higher.step(net, 0.55);
        assertEquals(1, higher.reductions());
    }

    @Test
    void neverGoesBelowMinLr() {
        MultiLayerNetwork net = net(new Sgd(0.1));
        ReduceLrOnPlateau plateau = ReduceLrOnPlateau.onTrainingLoss().withPatience(0).withMinLr(0.02);
        for (int i = 0; i < 5; i++) {
            plateau.step(net, 1.0);
        }
        assertEquals(0.02, lr(net, 0), 1e-15);
    }

    @Test
    void worksWithAnyUpdaterIncludingScheduledOnes() {
        OneCycle cycle = OneCycle.maxLr(0.01).withTotalIterations(100);
        for (IUpdater updater : List.of(new Adam(1e-3), new Nesterovs(0.05, 0.9), cycle.adam(), cycle.nesterovs())) {
            MultiLayerNetwork net = net(updater);
            double before = lr(net, 0);
            ReduceLrOnPlateau plateau = ReduceLrOnPlateau.onTrainingLoss().withPatience(0).withFactor(0.5);
            plateau.step(net, 1);
            plateau.step(net, 1);
            assertEquals(before * 0.5, lr(net, 0), 1e-15, updater.toString());
            net.fit(data());
            assertEquals(before * 0.5, lr(net, 0), 1e-15, "fixed after the reduction: " + updater);
        }
    }

    @Test
    void theReducedRateIsWhatTrainingUses() {
        MultiLayerNetwork net = net(new Sgd(0.1));
        ReduceLrOnPlateau plateau = ReduceLrOnPlateau.onTrainingLoss().withPatience(0);
        plateau.step(net, 1);
        plateau.step(net, 1);
        DataSet data = data();
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        Gradient gradient = net.gradient();
        INDArray g = gradient.gradient().dup();
        INDArray before = net.params().dup();
        net.fit(data);
        INDArray ratio = before.sub(net.params()).div(g);
        // DL4J's updater divides the summed gradient by the minibatch size before applying the LR
        long batch = data.numExamples();
        assertTrue(before.sub(g.mul(0.01 / batch)).equalsWithEps(net.params(), 1e-12), "SGD step must use LR 0.01: " + ratio);
    }

    @Test
    void monitorsTheDataLossWithoutTheRegularizationTerm() {
        // learning rate 0: the parameters stay put, so the epoch's mean loss has an exact expected value
        MultiLayerNetwork net = net(new Sgd(0));
        net.getLayerWiseConfigurations().getConfs().forEach(c ->
                ((BaseLayer) c.getLayer()).setRegularization(List.of(new L2Regularization(0.5))));
        ReduceLrOnPlateau plateau = ReduceLrOnPlateau.onTrainingLoss();
        net.addListeners(plateau);
        DataSet data = data();
        net.fit(new ListDataSetIterator<>(data.asList(), 8));

        double mse = net.output(data.getFeatures()).sub(data.getLabels()).norm2Number().doubleValue();
        mse = mse * mse / data.numExamples();
        assertTrue(net.calcRegularizationScore(true) > 0.1, "a penalty large enough to matter");
        assertEquals(mse, plateau.best(), 1e-9, "mean squared error of the epoch, no L2 term");
    }

    @Test
    void reducesThroughEpochEndsOfRealTrainingOnGraphsToo() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(1e-7))
                .dataType(DataType.DOUBLE).graphBuilder().addInputs("in")
                .addLayer("h", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(4).nOut(1).build(), "h")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        ReduceLrOnPlateau plateau = ReduceLrOnPlateau.onTrainingLoss().withPatience(0);
        graph.addListeners(plateau);
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(data().asList(), 8);
        graph.fit(it, 3);                    // LR 1e-7 cannot move the loss by 1e-4 relative: epochs 2 and 3 are bad
        assertEquals(2, plateau.reductions());
        double lr = ((BaseLayer) graph.getLayer("h").conf().getLayer()).getIUpdater().getLearningRate(0, 0);
        assertEquals(1e-9, lr, 1e-22);
    }

    @Test
    void badSettingsNameTheParameterAndTheFix() {
        assertMessage(() -> ReduceLrOnPlateau.onTrainingLoss().withFactor(1.0), "factor", "(0, 1)", "1.0", "0.1");
        assertMessage(() -> ReduceLrOnPlateau.onTrainingLoss().withFactor(0), "factor", "0.0");
        assertMessage(() -> ReduceLrOnPlateau.onTrainingLoss().withPatience(-1), "patience", "-1", "10");
        assertMessage(() -> ReduceLrOnPlateau.onTrainingLoss().withCooldown(-2), "cooldown", "-2");
        assertMessage(() -> ReduceLrOnPlateau.onTrainingLoss().withMinLr(-1e-3), "minLr", "-0.001");
    }
}
