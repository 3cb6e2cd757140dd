package io.github.dl4jrecipes.core.eval;

import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.PngAssert;
import io.github.dl4jrecipes.core.train.TinyData;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalTest {

    static final List<String> NAMES = List.of("red", "green", "blue");
    static final int MISLABELLED = 7;
    static MultiLayerNetwork net;
    static DataSet test;

    @BeforeAll
    static void train() {
        net = TinyData.network(16, new Adam(0.02), 0);
        Fit.of(net, TinyData.TASK).withEpochs(15).run(TinyData.iterator(TinyData.blobs(150, 1, 0.3), 30));
        test = TinyData.blobs(60, 2, 0.3);
        // example 7 is class 1 ("green"); label it "blue" as a careless annotator would
        test.getLabels().putRow(MISLABELLED, Nd4j.create(new float[] {0, 0, 1}));
    }

    private static ClassifierReport report() {
        return ClassifierReport.of(net, TinyData.iterator(test, 16), NAMES);
    }

    @Test
    void topLossFindsTheMislabelledExample() {
        ExampleLoss top = report().topLosses(1).get(0);
        assertEquals(MISLABELLED, top.index());
        assertEquals("blue", top.actual());
        assertEquals("green", top.predicted());
        List<ExampleLoss> three = report().topLosses(3);
        assertTrue(three.get(0).loss() >= three.get(1).loss() && three.get(1).loss() >= three.get(2).loss());
    }

    @Test
    void confusionMatrixAndMostConfusedPair() {
        ClassifierReport r = report();
        int[][] m = r.confusion();
        int total = 0;
        for (int[] row : m) {
            for (int c : row) {
                total += c;
            }
        }
        assertEquals(60, total);
        assertEquals(1, m[2][1], "the mislabelled blue predicted green");
        assertEquals(List.of(new ConfusedPair("blue", "green", 1)), r.mostConfused(3));
        assertEquals(59.0 / 60, r.accuracy(), 1e-12);
        String text = r.confusionText();
        assertTrue(text.contains("green") && text.contains("actual\\pred"), text);
        assertTrue(r.toString().contains("blue -> green: 1"), r.toString());
    }

    @Test
    void fBetaAveraging() {
        ClassifierReport r = report();
        assertEquals(r.f1(EvaluationAveraging.Macro), r.fBeta(1.0, EvaluationAveraging.Macro), 1e-12);
        assertEquals(r.accuracy(), r.f1(EvaluationAveraging.Micro), 1e-9, "micro F1 = accuracy for single-label");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.fBeta(0, EvaluationAveraging.Macro));
        assertTrue(e.getMessage().contains("beta must be"), e.getMessage());
    }

    @Test
    void heatMapIsAValidPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("confusion.png");
        report().writeHeatMap(png);
        assertTrue(PngAssert.isPng(png));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> ClassifierReport.of(net, TinyData.iterator(test, 16), List.of("a", "b")));
        assertTrue(names.getMessage().contains("classNames has 2 names but the network predicts 3"));
        assertThrows(IllegalArgumentException.class, () -> report().topLosses(0));
        assertThrows(IllegalArgumentException.class, () -> report().mostConfused(0));
    }

    @Test
    void taskEvaluationForClassificationAndRegression() {
        TaskEvaluation c = TaskEvaluation.of(net, TinyData.TASK, TinyData.iterator(test, 16));
        assertEquals(Metric.ACCURACY, c.metric());
        assertEquals(59.0 / 60, c.value(), 1e-12);
        assertTrue(c.toString().startsWith("accuracy 0.9833"), c.toString());

        Task regression = Task.regression(1);
        MultiLayerNetwork reg = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(4).activation(Activation.TANH).build())
                .layer(regression.outputLayer(4)).build());
        reg.init();
        DataSet data = new DataSet(Nd4j.rand(20, 2), Nd4j.rand(20, 1));
        TaskEvaluation r = TaskEvaluation.of(reg, regression, TinyData.iterator(data, 8));
        assertEquals(Metric.RMSE, r.metric());
        RegressionEvaluation full = (RegressionEvaluation) r.full();
        assertEquals(full.rootMeanSquaredError(0), r.value(), 1e-5);
    }

    @Test
    void latencyPerExample() {
        Latency l = Latency.measure(net, test.getFeatures(), 2, 10);
        assertTrue(l.medianMillisPerExample() > 0);
        assertTrue(l.p90MillisPerExample() >= l.medianMillisPerExample());
        assertEquals(60, l.batchSize());
        assertEquals(10, l.repeats());
        assertThrows(IllegalArgumentException.class, () -> Latency.measure(net, test.getFeatures(), 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Latency.measure(net, Nd4j.create(0, 4)));
        assertTrue(e.getMessage().contains("at least one example"), e.getMessage());
    }
}
