package io.github.dl4jrecipes.core.hardware;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our batch-norm helper computes what DL4J's built-in layer computes, in double precision: the
 * same outputs in training and inference mode, the same gradients (including DL4J's running-mean
 * and running-variance updates), the same parameters after training, and gradients that pass
 * DL4J's numerical gradient check. Conv (NCHW) and dense batch norm are both covered.
 */
class FastBatchNormTest {
    private static final double TOLERANCE = 1e-10;
    /** The running mean and log10 std are estimates, not trained: DL4J's own checks skip them too. */
    private static final Set<String> RUNNING_STATISTICS = Set.of("1_mean", "1_log10stdev", "3_mean", "3_log10stdev");
    private String savedHelpers;
    private String savedSwitch;

    @BeforeEach
    void builtInLayers() {
        savedHelpers = System.getProperty(OneDnn.HELPERS_DISABLE_PROPERTY);
        savedSwitch = System.getProperty(FastBatchNorm.SWITCH_PROPERTY);
        System.setProperty(OneDnn.HELPERS_DISABLE_PROPERTY, "true");
    }

    @AfterEach
    void restoreProperties() {
        restore(OneDnn.HELPERS_DISABLE_PROPERTY, savedHelpers);
        restore(FastBatchNorm.SWITCH_PROPERTY, savedSwitch);
    }

    @Test
    void installsInEveryBatchNormLayerUnlessSwitchedOff() {
        MultiLayerNetwork net = network(new Sgd(0.1), false);
        assertEquals(2, FastBatchNorm.install(net));
        assertInstanceOf(ChannelBatchNormHelper.class, net.getLayer(1).getHelper());
        assertInstanceOf(ChannelBatchNormHelper.class, net.getLayer(3).getHelper());

        System.setProperty(FastBatchNorm.SWITCH_PROPERTY, "false");
        MultiLayerNetwork off = network(new Sgd(0.1), false);
        assertEquals(0, FastBatchNorm.install(off));
        assertNull(off.getLayer(1).getHelper());
    }

    @Test
    void leavesLockedGammaBetaToDl4j() {
        MultiLayerNetwork net = network(new Sgd(0.1), true);
        assertEquals(1, FastBatchNorm.install(net), "only the dense batch norm has trainable γ/β");
        assertNull(net.getLayer(1).getHelper());
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsBuiltInLayer() {
        MultiLayerNetwork builtIn = network(new Sgd(0.1), false);
        MultiLayerNetwork fast = network(new Sgd(0.1), false);
        FastBatchNorm.install(fast);
        DataSet batch = batch(5);

        assertClose(builtIn.output(batch.getFeatures(), true), fast.output(batch.getFeatures(), true));
        builtIn.setInput(batch.getFeatures());
        builtIn.setLabels(batch.getLabels());
        builtIn.computeGradientAndScore();
        fast.setInput(batch.getFeatures());
        fast.setLabels(batch.getLabels());
        fast.computeGradientAndScore();
        assertEquals(builtIn.score(), fast.score(), TOLERANCE);
        assertClose(builtIn.gradient().gradient(), fast.gradient().gradient());
    }

    @Test
    void sameParametersAndRunningStatisticsAfterTraining() {
        MultiLayerNetwork builtIn = network(new Sgd(0.1), false);
        MultiLayerNetwork fast = network(new Sgd(0.1), false);
        FastBatchNorm.install(fast);
        for (int step = 0; step < 10; step++) {
            DataSet batch = batch(step);
            builtIn.fit(batch);
            fast.fit(batch);
        }
        assertClose(builtIn.params(), fast.params());
        INDArray test = batch(99).getFeatures();
        assertClose(builtIn.output(test, false), fast.output(test, false));
    }

    @Test
    void passesDl4jsNumericalGradientCheck() {
        MultiLayerNetwork net = network(new NoOp(), false);
        assertEquals(2, FastBatchNorm.install(net));
        DataSet batch = batch(7);
        DataType savedData = Nd4j.dataType();
        DataType savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(batch.getFeatures()).labels(batch.getLabels())
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                    .excludeParams(RUNNING_STATISTICS)));
        } finally {
            Nd4j.setDefaultDataTypes(savedData, savedFloat);
        }
    }

    /** conv 3×3 → BN → ReLU conv → dense → BN → softmax, in double precision. */
    private static MultiLayerNetwork network(IUpdater updater, boolean lockConvGammaBeta) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .cacheMode(CacheMode.NONE)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().lockGammaBeta(lockConvGammaBeta)
                        .activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutional(6, 6, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Eight 2-channel 6×6 images whose class shifts the mean of the first channel. */
    private static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 2, 6, 6).muli(3).subi(1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1.0);
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .addi(0.7 * (i % 3));
        }
        return new DataSet(x, y);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertEquals(expected.length(), actual.length());
        double maxDiff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-8 * Math.max(1, expected.amaxNumber().doubleValue()),
                "max difference " + maxDiff);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
