package io.github.dl4jrecipes.core.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitTest {

    static final class CountingListener extends BaseTrainingListener {
        int iterations;
        int epochStarts;
        int epochEnds;

        @Override public void iterationDone(Model model, int iteration, int epoch) { iterations++; }
        @Override public void onEpochStart(Model model) { epochStarts++; }
        @Override public void onEpochEnd(Model model) { epochEnds++; }
    }

    @Test
    void trainsAndRecordsEveryEpoch() {
        MultiLayerNetwork net = TinyData.network(16, new Adam(0.01), 0);
        DataSetIterator train = TinyData.iterator(TinyData.blobs(150, 1, 0.5), 30);
        DataSetIterator valid = TinyData.iterator(TinyData.blobs(60, 2, 0.5), 30);
        TrainedModel<MultiLayerNetwork> model = Fit.of(net, TinyData.TASK).withEpochs(8)
                .withProgress(Progress.LOG).run(train, valid);

        History h = model.history();
        assertEquals(8, h.size());
        assertEquals("accuracy", h.metric());
        assertTrue(h.higherIsBetter());
        EpochRecord first = h.epochs().get(0);
        EpochRecord last = h.last().orElseThrow();
        assertTrue(last.trainLoss() < first.trainLoss(), first.trainLoss() + " -> " + last.trainLoss());
        assertTrue(last.validLoss() < first.validLoss());
        assertTrue(last.validMetric() > 0.9, "valid accuracy " + last.validMetric());
        assertEquals(0.01, last.learningRate(), 1e-12);
        assertTrue(last.samplesPerSecond() > 0 && last.wallSeconds() > 0);
        assertEquals(8, net.getEpochCount());
        assertEquals(8 * 5, net.getIterationCount());
        assertTrue(model.network() == net);
    }

    @Test
    void lossesAreTheDataLossWithoutTheRegularizationTerm() {
        // learning rate 0: the parameters stay put, so every reported loss has an exact expected value
        MultiLayerConfiguration conf = TinyData.config(16, new Sgd(0), 0);
        conf.getConfs().forEach(c -> ((BaseLayer) c.getLayer()).setRegularization(List.of(new L2Regularization(0.5))));
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet train = TinyData.blobs(150, 1, 0.5);
        DataSet valid = TinyData.blobs(60, 2, 0.5);
        EpochRecord epoch = Fit.of(net, TinyData.TASK).withEpochs(1)
                .run(TinyData.iterator(train, 30), TinyData.iterator(valid, 60)).history().last().orElseThrow();

        assertTrue(net.calcRegularizationScore(true) > 0.1, "a penalty large enough to matter");
        assertEquals(crossEntropy(net, train), epoch.trainLoss(), 1e-4, "train loss without DL4J's L2 term");
        assertEquals(crossEntropy(net, valid), epoch.validLoss(), 1e-4, "valid loss without DL4J's L2 term");
    }

    private static double crossEntropy(MultiLayerNetwork net, DataSet data) {
        INDArray p = net.output(data.getFeatures(), false);
        return -Transforms.log(p).muli(data.getLabels()).sum(1).meanNumber().doubleValue();
    }

    @Test
    void keepsTheUsersListenersAndCallsThemAsFitDoes() {
        MultiLayerNetwork net = TinyData.network();
        CountingListener mine = new CountingListener();
        net.setListeners(mine);
        Fit.of(net, TinyData.TASK).withEpochs(3).run(TinyData.iterator(TinyData.blobs(40, 1, 0.5), 10));
        assertEquals(1, net.getListeners().size(), "Fit's own listeners are removed afterwards");
        assertTrue(net.getListeners().contains(mine));
        assertEquals(12, mine.iterations);
        assertEquals(3, mine.epochStarts);
        assertEquals(3, mine.epochEnds);
    }

    @Test
    void progressIsLogLinesInCiOrWithoutConsole() {
        assertEquals(Progress.LOG, Progress.AUTO.resolve(true, Map.of("CI", "true")));
        assertEquals(Progress.LOG, Progress.AUTO.resolve(false, Map.of()));
        assertEquals(Progress.BAR, Progress.AUTO.resolve(true, Map.of()));
        assertEquals(Progress.BAR, Progress.BAR.resolve(false, Map.of("CI", "1")));
        // under the test runner no person watches
        assertEquals(Progress.LOG, Progress.AUTO.resolve());
    }

    @Test
    void earlyStoppingRestoresTheBestEpochsWeights() {
        MultiLayerNetwork net = TinyData.network(64, new Adam(0.05), 0);
        java.util.List<org.nd4j.linalg.api.ndarray.INDArray> perEpoch = new java.util.ArrayList<>();
        net.setListeners(new BaseTrainingListener() {
            @Override public void onEpochEnd(Model model) { perEpoch.add(model.params().dup()); }
        });
        // labels are noise: the validation metric peaks by chance and then wanders
        TrainedModel<MultiLayerNetwork> model = Fit.of(net, TinyData.TASK).withEpochs(40)
                .withEarlyStopping(EarlyStopping.patience(3))
                .run(TinyData.iterator(TinyData.noise(60, 3), 20), TinyData.iterator(TinyData.noise(60, 4), 20));
        History h = model.history();
        int best = h.best().orElseThrow().epoch();
        assertTrue(h.size() < 40, "stopped early");
        assertEquals(best + 3, h.size(), "stops after patience epochs without improvement");
        assertTrue(best < h.size());
        assertEquals(perEpoch.get(best - 1), net.params(), "weights of epoch " + best);
        assertFalse(perEpoch.get(h.size() - 1).equals(net.params()));
    }

    @Test
    void trainMetricCanBeSkipped() {
        MultiLayerNetwork net = TinyData.network();
        TrainedModel<MultiLayerNetwork> model = Fit.of(net, TinyData.TASK).withEpochs(2).withTrainMetric(false)
                .run(TinyData.iterator(TinyData.blobs(30, 1, 0.5), 10), TinyData.iterator(TinyData.blobs(30, 2, 0.5), 10));
        assertTrue(Double.isNaN(model.history().epochs().get(1).trainMetric()));
        assertTrue(Double.isFinite(model.history().epochs().get(1).validMetric()));
        assertEquals("false", model.card().settings().get("trainMetric"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> io.github.dl4jrecipes.core.diagnose.Diagnosis.of(model.history()));
        assertTrue(e.getMessage().contains("no training metric"), e.getMessage());
    }

    @Test
    void earlyStoppingNeedsValidation() {
        Fit<MultiLayerNetwork> fit = Fit.of(TinyData.network(), TinyData.TASK).withEarlyStopping(EarlyStopping.patience(2));
        DataSetIterator train = TinyData.iterator(TinyData.blobs(30, 1, 0.5), 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.run(train));
        assertTrue(e.getMessage().contains("validation"), e.getMessage());
    }

    @Test
    void epochsMustBePositive() {
        Fit<MultiLayerNetwork> fit = Fit.of(TinyData.network(), TinyData.TASK);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.withEpochs(0));
        assertTrue(e.getMessage().contains("epochs must be >= 1, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fit.withEpochs(-3));
    }

    @Test
    void emptyIteratorIsRejected() {
        Fit<MultiLayerNetwork> fit = Fit.of(TinyData.network(), TinyData.TASK);
        DataSetIterator empty = new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                java.util.List.of(), 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.run(empty));
        assertTrue(e.getMessage().contains("train iterator yields no batches"), e.getMessage());
        DataSetIterator train = TinyData.iterator(TinyData.blobs(30, 1, 0.5), 10);
        e = assertThrows(IllegalArgumentException.class, () -> fit.run(train, empty));
        assertTrue(e.getMessage().contains("valid iterator yields no batches"), e.getMessage());
    }

    @Test
    void validationWithOtherOutputCountIsRejected() {
        MultiLayerNetwork net = TinyData.network();
        org.nd4j.linalg.api.ndarray.INDArray before = net.params().dup();
        org.nd4j.linalg.dataset.DataSet blobs = TinyData.blobs(30, 1, 0.5);
        org.nd4j.linalg.dataset.DataSet twoColumns = new org.nd4j.linalg.dataset.DataSet(blobs.getFeatures(),
                blobs.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fit.of(net, TinyData.TASK)
                .run(TinyData.iterator(blobs, 10), TinyData.iterator(twoColumns, 10)));
        assertTrue(e.getMessage().contains("valid iterator's labels have 2 columns but the network has 3"),
                e.getMessage());
        assertEquals(before, net.params(), "nothing trained");
    }

    @Test
    void taskThatDoesNotMatchTheNetworkIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fit.of(TinyData.network(), io.github.dl4jrecipes.core.task.Task.multiclass(5)));
        assertTrue(e.getMessage().contains("nOut 5"), e.getMessage());
    }
}
