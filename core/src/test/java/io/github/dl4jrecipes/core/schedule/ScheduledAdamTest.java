package io.github.dl4jrecipes.core.schedule;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The updaters' effective momentum / β1, read back from their state, step by step. */
class ScheduledAdamTest {

    private static final int PARAMS = 6;
    private static final int STEPS = 40;

    private static GradientUpdater<?> instantiate(IUpdater updater) {
        INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, updater.stateSize(PARAMS));
        return updater.instantiate(view, true);
    }

    @Test
    void constantBeta1ComputesExactlyWhatNd4jAdamComputes() {
        GradientUpdater<?> ours = instantiate(ScheduledAdam.of(0.01));
        GradientUpdater<?> adam = instantiate(new Adam(0.01));
        Nd4j.getRandom().setSeed(5);
        for (int t = 0; t < STEPS; t++) {
            INDArray g = Nd4j.randn(DataType.DOUBLE, 1, PARAMS);
            INDArray a = g.dup();
            INDArray b = g.dup();
            ours.applyUpdater(a, t, 0);
            adam.applyUpdater(b, t, 0);
            assertTrue(a.equalsWithEps(b, 1e-10), "step " + t + ": " + a + " vs " + b);
        }
    }

    @Test
    void adamBeta1FollowsTheOneCycleMomentumScheduleEveryIteration() {
        OneCycle cycle = OneCycle.maxLr(0.01).withTotalIterations(STEPS);
        ScheduledAdam config = cycle.adam();
        GradientUpdater<?> updater = instantiate(config);
        Nd4j.getRandom().setSeed(6);
        INDArray previousM = Nd4j.zeros(DataType.DOUBLE, 1, PARAMS);
        double lowest = 1;
        for (int t = 0; t < STEPS; t++) {
            INDArray g = Nd4j.rand(DataType.DOUBLE, 1, PARAMS).addi(1);
            updater.applyUpdater(g.dup(), t, 0);
            INDArray m = updater.getState().get(ScheduledAdam.M_STATE).reshape(1, PARAMS);
            // m = β1·m' + (1 − β1)·g  ⇒  β1 = (m − g) / (m' − g)
            double effective = m.sub(g).getDouble(0) / previousM.sub(g).getDouble(0);
            assertEquals(cycle.momentum().valueAt(t, 0), effective, 1e-9, "iteration " + t);
            assertEquals(config.beta1At(t, 0), effective, 1e-9);
            lowest = Math.min(lowest, effective);
            previousM = m.dup();
        }
        assertEquals(OneCycleMomentum.DEFAULT_LOW, lowest, 1e-9);
    }

    @Test
    void nesterovMomentumFollowsTheOneCycleMomentumScheduleEveryIteration() {
        OneCycle cycle = OneCycle.maxLr(0.01).withTotalIterations(STEPS);
        Nesterovs config = cycle.nesterovs();
        GradientUpdater<?> updater = instantiate(config);
        Nd4j.getRandom().setSeed(7);
        INDArray previousV = Nd4j.zeros(DataType.DOUBLE, 1, PARAMS);
        for (int t = 0; t < STEPS; t++) {
            INDArray g = Nd4j.rand(DataType.DOUBLE, 1, PARAMS).addi(1);
            updater.applyUpdater(g.dup(), t, 0);
            INDArray v = updater.getState().get("V").reshape(1, PARAMS);
            double lr = cycle.valueAt(t, 0);
            if (t > 0) {
                // v = μ·v' − lr·g  ⇒  μ = (v + lr·g) / v'
                double effective = v.add(g.mul(lr)).getDouble(0) / previousV.getDouble(0);
                assertEquals(cycle.momentum().valueAt(t, 0), effective, 1e-6, "iteration " + t);
            }
            assertEquals(config.currentMomentum(t, 0), cycle.momentum().valueAt(t, 0), 1e-12);
            previousV = v.dup();
        }
    }

    @Test
    void dl4jInstantiatesScheduledAdamInsideANetworkAndTrainsWithIt() {
        OneCycle cycle = OneCycle.maxLr(0.01).withTotalIterations(STEPS);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(8)
                .updater(cycle.adam()).dataType(DataType.DOUBLE).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(3).nOut(1).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 32, 3);
        DataSet data = new DataSet(x, x.sum(true, 1));
        double before = net.score(data);
        for (int t = 0; t < STEPS; t++) {
            net.fit(data);
            GradientUpdater<?> inside = ((MultiLayerUpdater) net.getUpdater()).getUpdaterBlocks().get(0).getGradientUpdater();
            ScheduledAdam config = (ScheduledAdam) inside.getConfig();
            assertTrue(inside instanceof ScheduledAdamUpdater);
            assertEquals(cycle.momentum().valueAt(t, 0), config.beta1At(t, 0), 1e-15);
        }
        assertTrue(net.score(data) < before / 2, "loss " + before + " -> " + net.score(data));
    }
}
