package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.TrainedModel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ScheduleType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.dl4jrecipes.core.PresetAssertions.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** SGD-HD and Adam-HD (Baydin et al. 2018) against hand-computed steps, inside DL4J networks, and as a file format. */
class HypergradientTest {

    private static final double EXACT = 1e-12;

    /** Applies one step to a copy of {@code g} and returns the update DL4J would subtract. */
    private static double[] step(GradientUpdater<?> updater, double[] g, int iteration) {
        INDArray gradient = Nd4j.createFromArray(g).reshape(1, g.length);
        updater.applyUpdater(gradient, iteration, 0);
        return gradient.reshape(g.length).toDoubleVector();
    }

    private static INDArray view(IUpdater updater, int numParams) {
        return Nd4j.zeros(DataType.DOUBLE, 1, updater.stateSize(numParams));
    }

    @Test
    void sgdHdMatchesThreeHandComputedSteps() {
        // α0 = 0.1, β = 0.01, two parameters.
        HypergradientSgd config = HypergradientSgd.of(0.1).withHyperLearningRate(0.01);
        GradientUpdater<?> updater = config.instantiate(view(config, 2), true);
        // step 1: g1 = (1, 2); no previous gradient, so h = 0 and α1 = α0 = 0.1; update = 0.1 g1 = (0.1, 0.2)
        assertArrayEquals(new double[]{0.1, 0.2}, step(updater, new double[]{1, 2}, 0), EXACT);
        assertEquals(0.1, ((Hypergradient.Adaptive) updater).learningRate(), EXACT);
        // step 2: g2 = (3, -1); g2·g1 = 3 - 2 = 1; α2 = 0.1 + 0.01·1 = 0.11; update = 0.11 g2 = (0.33, -0.11)
        assertArrayEquals(new double[]{0.33, -0.11}, step(updater, new double[]{3, -1}, 1), EXACT);
        assertEquals(0.11, ((Hypergradient.Adaptive) updater).learningRate(), EXACT);
        // step 3: g3 = (-3, 1) opposes g2: g3·g2 = -9 - 1 = -10; α3 = 0.11 - 0.01·10 = 0.01; update = (-0.03, 0.01)
        assertArrayEquals(new double[]{-0.03, 0.01}, step(updater, new double[]{-3, 1}, 2), EXACT);
        assertEquals(0.01, ((Hypergradient.Adaptive) updater).learningRate(), EXACT);
    }

    @Test
    void adamHdMatchesTwoHandComputedSteps() {
        // α0 = 0.01, β = 1e-3, β1 = 0.9, β2 = 0.999, ε = 1e-8, two parameters.
        HypergradientAdam config = HypergradientAdam.of(0.01).withHyperLearningRate(1e-3);
        GradientUpdater<?> updater = config.instantiate(view(config, 2), true);
        // step 1 (t = 1): g1 = (2, -1); no previous direction, so α1 = 0.01.
        //   m = 0.1 g1 = (0.2, -0.1), v = 0.001 g1² = (0.004, 0.001)
        //   m̂ = m / 0.1 = (2, -1), v̂ = v / 0.001 = (4, 1)
        //   d1 = m̂ / (√v̂ + ε) = (2 / 2.00000001, -1 / 1.00000001) = (0.999999995, -0.99999999)
        //   update = α1 d1 = (0.00999999995, -0.0099999999)
        assertArrayEquals(new double[]{0.00999999995, -0.0099999999}, step(updater, new double[]{2, -1}, 0), EXACT);
        // step 2 (t = 2): g2 = (1, -3)
        //   h = g2·d1 = 0.999999995 + 2.99999997 = 3.999999965; α2 = 0.01 + 1e-3 · 3.999999965 = 0.013999999965
        //   m = 0.9 (0.2, -0.1) + 0.1 (1, -3) = (0.28, -0.39)
        //   v = 0.999 (0.004, 0.001) + 0.001 (1, 9) = (0.004996, 0.009999)
        //   m̂ = m / (1 - 0.81) = (1.47368421052632, -2.05263157894737)
        //   v̂ = v / (1 - 0.998001) = (2.49924962481244, 5.00200100050032)
        //   d2 = m̂ / (√v̂ + ε) = (1.47368421052632 / 1.58090152536, -2.05263157894737 / 2.23651537666)
        //      = (0.932179632914896, -0.917781114876677)
        //   update = α2 d2 = (0.0130505148281823, -0.0128489355761511)
        assertArrayEquals(new double[]{0.0130505148281823, -0.0128489355761511},
                step(updater, new double[]{1, -3}, 1), 1e-15);
        assertEquals(0.013999999965, ((Hypergradient.Adaptive) updater).learningRate(), 1e-15);
    }

    @Test
    void theLearningRateLivesInTheStateSoAFreshUpdaterOnTheSameStateContinues() {
        HypergradientSgd config = HypergradientSgd.of(0.1).withHyperLearningRate(0.01);
        INDArray state = view(config, 2);
        step(config.instantiate(state, true), new double[]{1, 2}, 0);
        // a resumed run: a new updater over the saved state, not initialised
        GradientUpdater<?> resumed = config.instantiate(state.dup(), false);
        assertArrayEquals(new double[]{0.33, -0.11}, step(resumed, new double[]{3, -1}, 1), EXACT);
    }

    @Test
    void namedStateHoldsThePreviousGradientAndTheRate() {
        HypergradientSgd config = HypergradientSgd.of(0.1).withHyperLearningRate(0.01);
        Map<String, INDArray> state = new HashMap<>();
        state.put(HypergradientSgd.PREVIOUS_GRADIENT_STATE, Nd4j.zeros(DataType.DOUBLE, 2));
        state.put(HypergradientState.LR_STATE, Nd4j.zeros(DataType.DOUBLE, 1));
        GradientUpdater<?> updater = config.instantiate(state, true);
        step(updater, new double[]{1, 2}, 0);
        step(updater, new double[]{3, -1}, 1);
        assertArrayEquals(new double[]{3, -1}, state.get(HypergradientSgd.PREVIOUS_GRADIENT_STATE).toDoubleVector());
        assertEquals(0.11, state.get(HypergradientState.LR_STATE).getDouble(0), EXACT);
        assertThrowsWith(IllegalStateException.class, () -> config.instantiate(Map.of(), true), "[G, LR]");
    }

    private static MultiLayerConfiguration conf(IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(5).updater(updater).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(1).build())
                .build();
    }

    private static DataSet data(int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 32, 3);
        return new DataSet(x, x.sum(true, 1).muli(0.5).addi(1));
    }

    @Test
    void dl4jAllocatesTheStateStateSizeAsksForAndTheRateAdapts() {
        // 3·4 + 4 + 4·1 + 1 = 21 parameters in 4 variables, one updater block
        for (IUpdater updater : List.of(HypergradientSgd.of(1e-3), HypergradientAdam.of(1e-4).withHyperLearningRate(1e-5))) {
            MultiLayerNetwork net = new MultiLayerNetwork(conf(updater));
            net.init();
            int arrays = updater instanceof HypergradientSgd ? 1 : 3;
            assertEquals(arrays * 21 + 4, net.getUpdater().getStateViewArray().length(), updater.toString());
            double before = net.score(data(0));
            for (int i = 0; i < 30; i++) {
                net.fit(data(i));
            }
            List<Double> rates = Hypergradient.learningRates(net);
            assertEquals(1, rates.size());
            INDArray view = net.getUpdater().getStateViewArray();
            assertEquals(view.getDouble(view.length() - 1), rates.get(0), 0.0, "the rate is the view's last element");
            // both start far too low for this problem: successive gradients agree, so the rate grows
            assertEquals(1, Double.compare(rates.get(0), updater.getLearningRate(0, 0)), updater + " -> " + rates);
            assertEquals(-1, Double.compare(net.score(data(0)), before), "the loss falls");
        }
    }

    @Test
    void withAVanishingHyperLearningRateAdamHdStepsAsNd4jsAdam() {
        // an independent route: ND4J's own Adam updater on the same gradients; the two differ only in where ε
        // enters (√v̂ + ε here, √v + ε there): below 1e-7 of a step of 1e-2 for these gradients
        IUpdater adam = new org.nd4j.linalg.learning.config.Adam(1e-2);
        IUpdater hd = HypergradientAdam.of(1e-2).withHyperLearningRate(Double.MIN_VALUE);
        GradientUpdater<?> reference = adam.instantiate(view(adam, 5), true);
        GradientUpdater<?> updater = hd.instantiate(view(hd, 5), true);
        Nd4j.getRandom().setSeed(1);
        for (int t = 0; t < 20; t++) {
            double[] g = Nd4j.randn(DataType.DOUBLE, 5).toDoubleVector();
            assertArrayEquals(step(reference, g, t), step(updater, g, t), 1e-7, "step " + t);
        }
    }

    @Test
    void bothRoundTripThroughConfigurationJson() {
        for (IUpdater updater : List.of(HypergradientSgd.of(0.02).withHyperLearningRate(2e-4),
                HypergradientAdam.of(3e-3).withHyperLearningRate(1e-6).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-6))) {
            String json = conf(updater).toJson();
            IUpdater back = ((BaseLayer) MultiLayerConfiguration.fromJson(json).getConf(0).getLayer()).getIUpdater();
            assertEquals(updater, back);
            assertEquals(updater.toString(), back.toString());
            assertNotEquals(updater, updater instanceof HypergradientSgd s ? s.withHyperLearningRate(1e-2)
                    : ((HypergradientAdam) updater).withHyperLearningRate(1e-2));
        }
    }

    @Test
    void savedModelLoadsBackAndResumesExactly(@TempDir Path dir) throws Exception {
        for (IUpdater updater : List.of(HypergradientSgd.of(1e-3), HypergradientAdam.of(1e-3).withHyperLearningRate(1e-5))) {
            MultiLayerNetwork net = new MultiLayerNetwork(conf(updater));
            net.init();
            TrainedModel<MultiLayerNetwork> model = Fit.of(net, Task.regression(1)).withEpochs(2)
                    .run(InMemoryIterator.sequential(data(1), 8));
            Path zip = dir.resolve(updater.getClass().getSimpleName() + ".zip");
            model.save(zip);
            MultiLayerNetwork restored = TrainedModel.loadMultiLayer(zip).network();
            assertEquals(updater, ((BaseLayer) restored.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater());
            assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
            for (int i = 2; i < 12; i++) {
                net.fit(data(i));
                restored.fit(data(i));
            }
            assertEquals(net.params(), restored.params(), updater.toString());
            assertEquals(Hypergradient.learningRates(net), Hypergradient.learningRates(restored));
        }
    }

    @Test
    void badSettingsNameTheParameterTheValueAndTheFix() {
        assertThrowsWith(IllegalArgumentException.class, () -> HypergradientSgd.of(1e-2).withHyperLearningRate(0),
                "hyperLearningRate", "0.0", "0.001");
        assertThrowsWith(IllegalArgumentException.class, () -> HypergradientAdam.of(1e-3).withHyperLearningRate(-1e-7),
                "hyperLearningRate", "-1.0E-7", "1.0E-7");
        assertThrowsWith(IllegalArgumentException.class, () -> HypergradientAdam.of(1e-3).withHyperLearningRate(Double.NaN),
                "hyperLearningRate", "NaN");
        assertThrowsWith(IllegalArgumentException.class, () -> HypergradientSgd.of(-0.1), "learningRate", "-0.1", ">= 0");
        assertThrowsWith(IllegalArgumentException.class, () -> HypergradientAdam.of(1e-3).withBeta1(1), "beta1", "1.0");
        assertThrowsWith(IllegalArgumentException.class,
                () -> HypergradientAdam.of(1e-3).setLrAndSchedule(Double.NaN, ExponentialDecay.of(ScheduleType.EPOCH, 0.1, 0.9)),
                "learningRateSchedule", "HypergradientAdam", "fixed initial learning rate");
    }
}
