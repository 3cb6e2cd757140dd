package io.github.dl4jrecipes.core.lr;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.train.Progress;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import static io.github.dl4jrecipes.core.PresetAssertions.assertMessage;
import static io.github.dl4jrecipes.core.PresetAssertions.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LrFinderTest {

    private static final int FEATURES = 10;
    private static final int CLASSES = 4;
    static final Task TASK = Task.multiclass(CLASSES);

    /** Four Gaussian blobs in 10-D with overlap, one-hot labels. */
    static DataSet blobs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray centres = Nd4j.randn(DataType.FLOAT, CLASSES, FEATURES).muli(1.2);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, FEATURES);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            x.getRow(i).addi(centres.getRow(c));
            y.putScalar(i, c, 1);
        }
        return new DataSet(x, y);
    }

    static MultiLayerNetwork mlp(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(123).updater(updater)
                .weightInit(WeightInit.RELU).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(32).activation(Activation.RELU).build())
                .layer(TASK.outputLayer(32))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** y = sum of 3 features: a regression that SGD at LR 10 blows up. */
    static DataSet sums(int n) {
        Nd4j.getRandom().setSeed(n);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 3);
        return new DataSet(x, x.sum(true, 1));
    }

    static MultiLayerNetwork regression() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).updater(new Sgd())
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(8).activation(Activation.TANH).build())
                .layer(Task.regression(1).outputLayer(8))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static DataSetIterator iterator(DataSet data, int batch) {
        return new ListDataSetIterator<>(data.asList(), batch);
    }

    static final class CountingListener extends BaseTrainingListener {
        int iterations;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            iterations++;
        }
    }

    @Test
    void networkParametersUpdaterStateCountersAndListenersAreRestoredExactly() {
        MultiLayerNetwork net = mlp(new Adam(1e-3));
        CountingListener listener = new CountingListener();
        net.setListeners(listener);
        DataSetIterator train = iterator(blobs(800, 1), 8);
        net.fit(train);
        train.reset();
        int seen = listener.iterations;
        INDArray params = net.params().dup();
        INDArray updaterState = net.getUpdater().getStateViewArray().dup();
        List<TrainingListener> listeners = new ArrayList<>(net.getListeners());
        int iteration = net.getIterationCount();
        int epoch = net.getEpochCount();

        LrFinderResult result = LrFinder.defaults().run(net, train);

        assertTrue(result.points().size() > LrFinder.MIN_ITERATIONS);
        assertEquals(params, net.params());
        assertEquals(updaterState, net.getUpdater().getStateViewArray());
        assertEquals(listeners, new ArrayList<>(net.getListeners()));
        assertSame(listener, net.getListeners().iterator().next());
        assertEquals(seen, listener.iterations, "the user's listener must not see the sweep");
        assertEquals(iteration, net.getIterationCount());
        assertEquals(epoch, net.getEpochCount());
        assertEquals(1e-3, net.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W").getLearningRate(0, 0));
        assertTrue(train.hasNext(), "iterator is reset for the user's training");
    }

    @Test
    void sweepIsExponentialSmoothedByDebiasedEmaAndStopsAtFourTimesTheBest() {
        LrFinderResult result = LrFinder.defaults().run(regression(), iterator(sums(800), 8));
        List<LrPoint> points = result.points();
        double average = 0;
        double best = Double.POSITIVE_INFINITY;
        for (LrPoint p : points) {
            int i = p.iteration();
            assertEquals(1e-7 * Math.pow(1e8, i / 99.0), p.learningRate(), 1e-9 * p.learningRate());
            average = 0.98 * average + 0.02 * p.loss();
            assertEquals(average / (1 - Math.pow(0.98, i + 1)), p.smoothedLoss(), 1e-9 * Math.abs(p.smoothedLoss()));
            if (i < points.size() - 1) {
                assertTrue(p.smoothedLoss() <= 4 * best || best == Double.POSITIVE_INFINITY);
                best = Math.min(best, p.smoothedLoss());
            }
        }
        assertTrue(result.diverged(), "SGD at LR 10 blows up");
        LrPoint last = points.get(points.size() - 1);
        assertTrue(!Double.isFinite(last.smoothedLoss()) || last.smoothedLoss() > 4 * best);
        assertTrue(points.size() < LrFinder.DEFAULT_ITERATIONS);
        assertTrue(result.suggestion() > 1e-4 && result.suggestion() < 10, "valley " + result.suggestion());
    }

    @Test
    void suggestionsMatchTheirDefinitionsOnAKnownCurve() {
        // loss: flat 2.0, then falls linearly in log10(lr) from index 20 to 60, then rises
        List<LrPoint> points = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            double lr = Math.pow(10, -6 + i / 10.0);
            double loss = i < 20 ? 2.0 : i <= 60 ? 2.0 - (i - 20) * 0.04 - (i == 40 ? 0.05 : 0) : 0.4 + (i - 60) * 0.2;
            points.add(new LrPoint(i, lr, loss, loss));
        }
        assertEquals(points.get(60).learningRate() / 10, LrFinder.minimumDiv10(points), 1e-15);
        // steepest: the dip at 40 makes the central difference at 39 and 41 the steepest; 39 comes first
        assertEquals(points.get(39).learningRate(), LrFinder.steep(points), 1e-15);
        // longest decreasing run starts at the flat part (index 0 counts, flat points do not) and ends at 60:
        // run length 42 (0, 20..60) → max_start = 60 - 42 = 18, sections = 14, idx = 18 + 14 + 7 = 39
        assertEquals(points.get(39).learningRate(), LrFinder.valley(points), 1e-15);
    }

    @Test
    void writesCsvAndPngWithTheSuggestionMarked(@TempDir Path dir) throws Exception {
        LrFinderResult result = LrFinder.defaults().withSuggestion(Suggestion.STEEP).withIterations(30)
                .run(mlp(new Adam()), iterator(blobs(240, 3), 8));
        assertEquals(result.steep(), result.suggestion());
        Path csv = dir.resolve("out/lr.csv");
        result.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("iteration,learning_rate,loss,smoothed_loss", lines.get(0));
        assertEquals(result.points().size() + 1, lines.size());
        assertEquals(result.points().get(5).learningRate(), Double.parseDouble(lines.get(6).split(",")[1]), 1e-15);
        Path png = dir.resolve("lr.png");
        result.plot(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
        assertEquals(result.suggestion(), result.toOneCycle().maxLr());
    }

    @Test
    void computationGraphIsSweptAndRestored() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Adam())
                .weightInit(WeightInit.RELU).graphBuilder().addInputs("in")
                .addLayer("h", new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU).build(), "in")
                .addLayer("out", TASK.outputLayer(16), "h").setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray params = graph.params().dup();
        LrFinderResult result = LrFinder.defaults().withIterations(30).run(graph, iterator(blobs(240, 4), 8));
        assertTrue(result.points().size() > LrFinder.MIN_ITERATIONS / 2);
        assertEquals(params, graph.params());
        assertEquals(0, graph.getIterationCount());
    }

    @Test
    void aShortIteratorIsSweptAgainLikeFastaisLrFind() {
        CountingIterator short10 = new CountingIterator(iterator(blobs(80, 5), 8), true);
        LrFinderResult result = LrFinder.defaults().withDivergenceFactor(1e9).run(mlp(new Adam(1e-3)), short10);
        assertEquals(LrFinder.DEFAULT_ITERATIONS, result.points().size(), "all 100 steps over 10 batches");
        assertEquals(10, short10.resets, "9 more passes, then reset for the caller");
        assertEquals(1e-7 * Math.pow(1e8, 1 / 99.0), result.points().get(1).learningRate(), 1e-15);
        assertEquals(10.0, result.points().get(99).learningRate(), 1e-9);
    }

    @Test
    void aShortIteratorWithoutResetFailsNamingTheFix() {
        assertMessage(() -> LrFinder.defaults().run(mlp(new Adam()),
                new CountingIterator(iterator(blobs(80, 5), 8), false)),
                "data ran out after 10 batches", "does not support reset()", "withIterations(20)");
    }

    /** Counts resets; can pretend it does not support them. */
    private static final class CountingIterator implements DataSetIterator {
        private final DataSetIterator source;
        private final boolean resettable;
        int resets;

        CountingIterator(DataSetIterator source, boolean resettable) {
            this.source = source;
            this.resettable = resettable;
        }

        @Override
        public DataSet next(int num) {
            return source.next(num);
        }

        @Override
        public int inputColumns() {
            return source.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return source.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return resettable;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            if (!resettable) {
                throw new UnsupportedOperationException("no reset");
            }
            resets++;
            source.reset();
        }

        @Override
        public int batch() {
            return source.batch();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            source.setPreProcessor(preProcessor);
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return source.getPreProcessor();
        }

        @Override
        public List<String> getLabels() {
            return source.getLabels();
        }

        @Override
        public boolean hasNext() {
            return source.hasNext();
        }

        @Override
        public DataSet next() {
            return source.next();
        }
    }

    @Test
    void nanLossAtTheStartIsRejected() {
        DataSet data = blobs(800, 6);
        data.getFeatures().putScalar(0, 0, Float.NaN);
        data.getFeatures().putScalar(1, 0, Float.NaN);
        MultiLayerNetwork net = mlp(new Adam());
        INDArray params = net.params().dup();
        assertThrowsWith(IllegalStateException.class, () -> LrFinder.defaults().run(net, iterator(data, 8)),
                "loss is NaN", "normalise", "NaN/infinite");
        assertEquals(params, net.params());
    }

    @Test
    void badSettingsNameTheParameterAndTheFix() {
        assertMessage(() -> LrFinder.defaults().withRange(0, 10), "startLr", "0.0", "1.0E-7");
        assertMessage(() -> LrFinder.defaults().withRange(1e-3, 1e-4), "endLr", "1.0E-4", "10");
        assertMessage(() -> LrFinder.defaults().withIterations(5), "iterations", "5", "100");
        assertMessage(() -> LrFinder.defaults().withSmoothing(1), "smoothing", "1.0", "0.98");
        assertMessage(() -> LrFinder.defaults().withDivergenceFactor(1), "divergenceFactor", "1.0", "4");
    }

    /**
     * A network stand-in whose loss after its k-th step is {@code curve(k)}: the sweep's arithmetic on
     * a curve known by hand. Records the LRs it was given.
     */
    private static LrFinder.Trainee<Integer> scripted(IntToDoubleFunction curve, List<Double> lrs) {
        int[] steps = {0};
        return new LrFinder.Trainee<>(b -> curve.applyAsDouble(0), b -> steps[0]++,
                () -> curve.applyAsDouble(steps[0] - 1), lrs::add);
    }

    /** Endless batches. */
    private static final LrFinder.Source<Integer> ENDLESS = new LrFinder.Source<>() {
        public boolean hasNext() {
            return true;
        }

        public Integer next() {
            return 0;
        }

        public boolean resetSupported() {
            return true;
        }

        public void reset() {
        }
    };

    /** Falls by 1 a step to its minimum 40 at step 60, then rises by 20 a step: 4 × 40 = 160 is passed at step 67. */
    private static double valleyThenBlowUp(int step) {
        return step <= 60 ? 100 - step : 40 + 20.0 * (step - 60);
    }

    @Test
    void theSweepStopsOnceTheLossPassesFourTimesItsMinimumAndPicksWhatTheFullSweepPicks() {
        LrFinder unsmoothed = LrFinder.defaults().withSmoothing(0).withProgress(Progress.LOG);
        LrFinderResult stopped = unsmoothed.sweep(scripted(LrFinderTest::valleyThenBlowUp, new ArrayList<>()), ENDLESS);
        LrFinderResult full = unsmoothed.withDivergenceFactor(1e9)
                .sweep(scripted(LrFinderTest::valleyThenBlowUp, new ArrayList<>()), ENDLESS);

        // step 66: 40 + 20·6 = 160, not above 4 × 40; step 67: 180 is: steps 0..67 recorded
        assertEquals(68, stopped.points().size());
        assertTrue(stopped.diverged());
        assertEquals(100, full.points().size());
        assertFalse(full.diverged());
        // both read fastai's window from step 100 // 10 = 10 to 5 before the end (62 and 94). Its longest
        // decreasing run is steps 10..60 (51 points, window indices 0..50); fastai's valley sets
        // max_start = 50 - 51 = -1, sections = 51 / 3 = 17, index -1 + 17 + 8 = 24 → step 34
        double step34 = 1e-7 * Math.pow(1e8, 34 / 99.0);
        assertEquals(step34, stopped.valley(), 1e-12 * step34);
        assertEquals(step34, full.valley(), 1e-12 * step34);
        // the lowest loss is step 60's in both
        double step60 = 1e-7 * Math.pow(1e8, 60 / 99.0);
        assertEquals(step60 / 10, stopped.minimumDiv10(), 1e-12 * step60);
        assertEquals(step60 / 10, full.minimumDiv10(), 1e-12 * step60);
    }

    @Test
    void aShortSweepForgetsAtTheSameRatePerDecadeAndDropsItsShareOfTheEnd() {
        // capped to 20 of 100 steps: each step spans 5 of the full sweep's, so β = 0.98^5
        LrFinder capped = LrFinder.defaults().withMaxShare(0.1).withTrainingRun(1, 5).withProgress(Progress.LOG);
        double beta = 0.98 * 0.98 * 0.98 * 0.98 * 0.98;
        LrFinderResult r = capped.sweep(scripted(step -> step == 0 ? 1 : 2, new ArrayList<>()), ENDLESS);
        assertEquals(20, r.points().size());
        assertEquals(1.0, r.points().get(0).smoothedLoss(), 1e-12);
        // EMA after losses 1, 2 with bias correction: (β(1−β)·1 + (1−β)·2) / (1 − β²) = (β + 2) / (1 + β)
        assertEquals((beta + 2) / (1 + beta), r.points().get(1).smoothedLoss(), 1e-12);
        // fastai drops the last 5 of 100 steps; 20 steps drop 1; a full sweep still drops 5
        assertEquals(1, capped.skipEnd(20));
        assertEquals(5, LrFinder.defaults().skipEnd(100));
        assertEquals(0.98, LrFinder.defaults().smoothingFor(100), 1e-15);
    }

    @Test
    void theRunItServesCapsTheStepsAtATenthNeverBelowTwentyNorAboveTheIterations() {
        assertEquals(100, LrFinder.defaults().withTrainingRun(1, 5).steps(), "no cap by default: fastai's 100");
        LrFinder finder = LrFinder.defaults().withMaxShare(0.1);
        assertEquals(100, finder.steps(), "no run known: fastai's 100");
        assertEquals(30, finder.withTrainingRun(30, 10).steps(), "10% of 300 steps");
        assertEquals(20, finder.withTrainingRun(1, 5).steps(), "10% of 5 is 1: raised to MIN_ITERATIONS");
        assertEquals(94, finder.withTrainingRun(1, 938).steps(), "one Fashion-MNIST epoch at batch 64: 93.8 rounded up");
        assertEquals(100, finder.withTrainingRun(2, 938).steps(), "10% of 1,876 is 188: capped at the iterations");
        assertEquals(50, finder.withMaxShare(0.5).withTrainingRun(10, 10).steps(), "half of 100");
    }

    @Test
    void aSmallSetSweepsOnlyItsShareOfTheRunAndStillSpansTheWholeRange() {
        CountingIterator ten = new CountingIterator(iterator(blobs(80, 5), 8), true);
        LrFinderResult result = LrFinder.defaults().withMaxShare(0.1).withDivergenceFactor(1e9).withTrainingRun(30, 10)
                .run(mlp(new Adam(1e-3)), ten);
        assertEquals(30, result.points().size(), "10% of 30 epochs × 10 batches, not 100");
        assertEquals(3, ten.resets, "3 passes of 10 batches: 2 resets, then one for the caller");
        assertEquals(1e-7, result.points().get(0).learningRate(), 1e-20);
        assertEquals(10.0, result.points().get(29).learningRate(), 1e-9);
    }

    @Test
    void theSweepLogsItsProgressEveryTenthOfTheStepsAndAFinalLineWithThePickAndTheTime() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(LrFinder.class);
        logger.addAppender(log);
        try {
            LrFinder.defaults().withIterations(30).withProgress(Progress.LOG)
                    .sweep(scripted(step -> 1.0, new ArrayList<>()), ENDLESS);
        } finally {
            logger.detachAppender(log);
        }
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(11, lines.size(), String.join("\n", lines));
        // step 3 ran at 1e-7 · 1e8^(2/29) = 10^(-7 + 16/29) = 3.56e-7; a constant loss smooths to itself
        assertEquals("LR range test: step 3/30, lr 3.56e-07, smoothed loss 1.0000", lines.get(0));
        assertEquals("LR range test: step 30/30, lr 10.0, smoothed loss 1.0000", lines.get(9));
        assertTrue(lines.get(10).matches("LR range test: 30 of 30 steps from 1\\.00e-07 to 10\\.0 in \\d+\\.\\d s; "
                + "picked .* \\(VALLEY\\); valley .*"), lines.get(10));
    }

    @Test
    void badCostSettingsNameTheParameterAndTheFix() {
        assertMessage(() -> LrFinder.defaults().withMaxShare(0), "maxShare", "0.0", "0.1");
        assertMessage(() -> LrFinder.defaults().withTrainingRun(0, 10), "withTrainingRun", "epochs >= 1", "0 and 10");
    }
}
