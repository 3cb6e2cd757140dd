package io.github.dl4jrecipes.core.schedule;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every custom schedule and updater survives configuration JSON and ModelSerializer, and training resumes identically. */
class ScheduleSerializationTest {

    private static final int TOTAL = 40;

    static List<ISchedule> allSchedules() {
        OneCycle cycle = OneCycle.maxLr(0.05).withTotalIterations(TOTAL);
        return List.of(
                PiecewiseConstant.of(ScheduleType.ITERATION, new int[]{5, 12}, new double[]{0.05, 0.02, 0.01}),
                StepDecay.of(ScheduleType.ITERATION, 0.05, 7).withGamma(0.5),
                ExponentialDecay.of(ScheduleType.EPOCH, 0.05, 3),
                PowerDecay.of(ScheduleType.ITERATION, 0.05, 10).withPower(1.5),
                Cosine.withWarmup(0.05, 5, TOTAL).withMinLr(1e-4),
                CyclicTriangular.of(0.005, 0.05, 6),
                cycle,
                cycle.momentum());
    }

    static List<IUpdater> allUpdaters() {
        OneCycle cycle = OneCycle.maxLr(0.02).withTotalIterations(TOTAL);
        return List.of(cycle.adam(), cycle.nesterovs(), ScheduledAdam.of(1e-2).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-6),
                HypergradientSgd.of(1e-2), HypergradientAdam.of(1e-3).withHyperLearningRate(1e-5));
    }

    private static MultiLayerConfiguration conf(IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(11).updater(updater).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1).build())
                .build();
    }

    private static DataSet data(int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 16, 3);
        return new DataSet(x, x.sum(true, 1).muli(0.5));
    }

    @Test
    void everyScheduleRoundTripsThroughConfigurationJson() {
        for (ISchedule schedule : allSchedules()) {
            MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf(new Sgd(schedule)).toJson());
            IUpdater updater = ((BaseLayer) back.getConf(0).getLayer()).getIUpdater();
            ISchedule restored = ((Sgd) updater).getLearningRateSchedule();
            assertEquals(schedule, restored, schedule.toString());
            for (int t = 0; t < TOTAL; t += 3) {
                assertEquals(schedule.valueAt(t, t / 10), restored.valueAt(t, t / 10), 0.0);
            }
        }
    }

    @Test
    void customUpdatersRoundTripThroughConfigurationJson() {
        for (IUpdater updater : allUpdaters()) {
            MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf(updater).toJson());
            assertEquals(updater, ((BaseLayer) back.getConf(0).getLayer()).getIUpdater());
        }
    }

    @Test
    void trainingContinuesIdenticallyAfterModelSerializerRestore(@TempDir File dir) throws Exception {
        List<IUpdater> updaters = new java.util.ArrayList<>(allUpdaters());
        allSchedules().forEach(s -> updaters.add(new Sgd(s)));
        for (IUpdater updater : updaters) {
            MultiLayerNetwork net = new MultiLayerNetwork(conf(updater));
            net.init();
            for (int i = 0; i < 10; i++) {
                net.fit(data(i));
            }
            File file = new File(dir, "net.zip");
            ModelSerializer.writeModel(net, file, true);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
            assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
            assertEquals(net.getIterationCount(), restored.getIterationCount());
            for (int i = 10; i < 25; i++) {
                net.fit(data(i));
                restored.fit(data(i));
            }
            assertEquals(net.params(), restored.params(), updater.toString());
            assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        }
    }

    @Test
    void computationGraphWithScheduledAdamRestoresAndContinuesIdentically(@TempDir File dir) throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(OneCycle.maxLr(0.02).withTotalIterations(TOTAL).adam())
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(6).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(6).nOut(1).build(), "hidden")
                .setOutputs("out").build();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        for (int i = 0; i < 8; i++) {
            graph.fit(data(i));
        }
        File file = new File(dir, "graph.zip");
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        for (int i = 8; i < 20; i++) {
            graph.fit(data(i));
            restored.fit(data(i));
        }
        assertEquals(graph.params(), restored.params());
        assertTrue(graph.getUpdater().getStateViewArray().equalsWithEps(restored.getUpdater().getStateViewArray(), 0));
    }
}
