package io.github.dl4jrecipes.core.hardware;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The oneDNN fast path computes what DL4J's built-in layers compute: same outputs, same gradients
 * and the same training curve, within float rounding. Runs on the project's default CPU binary
 * ({@code -onednn}); skipped on a binary without oneDNN.
 */
class OneDnnEquivalenceTest {
    private static final double TOLERANCE = 1e-4;
    private String savedHelpersProperty;

    @BeforeEach
    void requireOneDnnBinary() {
        assumeTrue(OneDnn.available(), "the loaded ND4J binary has no oneDNN");
        savedHelpersProperty = System.getProperty(OneDnn.HELPERS_DISABLE_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedHelpersProperty == null) {
            System.clearProperty(OneDnn.HELPERS_DISABLE_PROPERTY);
        } else {
            System.setProperty(OneDnn.HELPERS_DISABLE_PROPERTY, savedHelpersProperty);
        }
    }

    @Test
    void helpersServeConvPoolingAndBatchNormOnlyWhenEnabled() {
        MultiLayerNetwork stock = network(false);
        MultiLayerNetwork fast = network(true);

        for (int i = 0; i < 3; i++) {
            assertNull(stock.getLayer(i).getHelper(), "stock layer " + i);
        }
        assertInstanceOf(MKLDNNConvHelper.class, fast.getLayer(0).getHelper());
        assertInstanceOf(MKLDNNBatchNormHelper.class, fast.getLayer(1).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, fast.getLayer(2).getHelper());
    }

    @Test
    void sameOutputsAndGradientsAsTheStockLayers() {
        MultiLayerNetwork stock = network(false);
        MultiLayerNetwork fast = network(true);
        fast.setParams(stock.params().dup());
        DataSet batch = batch(11);

        assertClose(stock.output(batch.getFeatures(), false), fast.output(batch.getFeatures(), false));
        assertClose(stock.output(batch.getFeatures(), true), fast.output(batch.getFeatures(), true));

        stock.setInput(batch.getFeatures());
        stock.setLabels(batch.getLabels());
        stock.computeGradientAndScore();
        fast.setInput(batch.getFeatures());
        fast.setLabels(batch.getLabels());
        fast.computeGradientAndScore();
        assertEquals(stock.score(), fast.score(), TOLERANCE);
        assertClose(stock.gradient().gradient(), fast.gradient().gradient());
    }

    /**
     * Plain SGD: it passes gradient differences through unscaled, where Adam's normalisation
     * would blow float rounding in near-zero gradients up to full-size steps.
     */
    @Test
    void sameTrainingCurveAsTheStockLayers() {
        MultiLayerNetwork stock = network(false, new Sgd(0.05));
        MultiLayerNetwork fast = network(true, new Sgd(0.05));
        fast.setParams(stock.params().dup());

        for (int step = 0; step < 20; step++) {
            DataSet batch = batch(step);
            stock.fit(batch);
            fast.fit(batch);
            assertEquals(stock.score(), fast.score(), 1e-3 * Math.max(1, stock.score()),
                    "loss at step " + step);
        }
        assertClose(stock.params(), fast.params(), 1e-3);
    }

    private static MultiLayerNetwork network(boolean helpers) {
        return network(helpers, new Adam(1e-2));
    }

    private static MultiLayerNetwork network(boolean helpers, IUpdater updater) {
        System.setProperty(OneDnn.HELPERS_DISABLE_PROPERTY, Boolean.toString(!helpers));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .cacheMode(CacheMode.DEVICE)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutional(10, 10, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A batch of 8 images whose class is the brightest quarter of the image. */
    private static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2, 10, 10);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1f);
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).addi(0.5 * (i % 3));
        }
        return new DataSet(x, y);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertClose(expected, actual, TOLERANCE);
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative) {
        double scale = Math.max(1e-6, expected.norm2Number().doubleValue());
        double diff = expected.sub(actual).norm2Number().doubleValue();
        assertTrue(diff / scale < relative, "relative difference " + diff / scale);
    }
}
