package io.github.dl4jrecipes.core.lr;

import io.github.dl4jrecipes.core.hardware.FastPath;
import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.core.train.internal.ProgressReporter;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The learning-rate range test (Smith, 2017, §3.3; fastai's {@code lr_find}): train for a few
 * iterations while the LR grows exponentially from {@code startLr} to {@code endLr}, record the
 * smoothed loss, stop once it exceeds {@code divergenceFactor ×} its best (fastai's
 * {@code stop_div}: the valley is behind), and suggest an LR.
 *
 * <p>The sweep costs what it is worth: told the training run it serves
 * ({@link #withTrainingRun(int, long)}), it takes at most {@code maxShare} of that run's steps
 * (never fewer than {@link #MIN_ITERATIONS}, never more than {@code iterations}). It shows its
 * progress as {@link io.github.dl4jrecipes.core.train.Fit} shows epochs ({@link Progress}): a bar
 * with the steps done, the LR and the smoothed loss, or a log line every tenth of the steps, and a
 * final line with the pick and the time it took.
 *
 * <p>The sweep runs on an independent copy of the network (configuration, parameters and
 * updater state; DL4J's {@code clone()} would share the updater configurations), so the network's parameters, updater state,
 * iteration/epoch counters and listeners are exactly as before, and its listeners see nothing.
 * The iterator is reset afterwards when it supports it.
 *
 * <pre>{@code
 * LrFinderResult r = LrFinder.defaults().withTrainingRun(epochs, batches)  // ≤ 10% of the run's steps
 *         .run(net, train);                                                 // 1e-7 → 10, ≤ 100 steps
 * log.info("suggested LR {}", r.suggestion());                              // valley
 * r.plot(Path.of("lr-finder.png"));
 * builder.updater(r.toOneCycle().withEpochs(epochs, batches).adam());
 * }</pre>
 *
 * @param startLr               first LR of the sweep, &gt; 0
 * @param endLr                 last LR, &gt; startLr
 * @param iterations            most steps, ≥ {@link #MIN_ITERATIONS}
 * @param smoothing             β of the loss EMA, in [0, 1)
 * @param divergenceFactor      stop when the smoothed loss exceeds this × the best, &gt; 1
 * @param suggestion            which suggestion {@link LrFinderResult#suggestion()} returns
 * @param maxShare              the sweep's steps as a share of {@code plannedSteps} at most, &gt; 0
 * @param plannedSteps          steps of the training run the sweep serves, 0 when unknown (no cap)
 * @param progress              how the sweep shows its progress
 */
public record LrFinder(double startLr, double endLr, int iterations, double smoothing, double divergenceFactor,
                       Suggestion suggestion, double maxShare, long plannedSteps, Progress progress) {

    private static final Logger log = LoggerFactory.getLogger(LrFinder.class);

    /** First LR 1e-7: fastai's {@code start_lr}. */
    public static final double DEFAULT_START_LR = 1e-7;
    /** Last LR 10: fastai's {@code end_lr}. */
    public static final double DEFAULT_END_LR = 10;
    /** 100 steps: fastai's {@code num_it}. */
    public static final int DEFAULT_ITERATIONS = 100;
    /** β = 0.98 for the loss EMA: fastai's {@code Recorder} smoothing. */
    public static final double DEFAULT_SMOOTHING = 0.98;
    /** Stop when the smoothed loss exceeds 4 × the best: fastai's {@code stop_div} rule. */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 4;
    /**
     * No cap by default: the sweep takes its {@link #DEFAULT_ITERATIONS} steps whatever the run it
     * serves. A 10% cap ({@link #SHORT_SWEEP_SHARE}, 20 steps on the bench's small runs) was measured
     * against it on three small paths × 2 seeds (bench {@code lrfinder --quick --lr-seeds 2}): with
     * the loss average and end margin scaled to the sweep's length it trained as well as the 100-step
     * pick (within 0.005) on 2 of 6 runs, and worse by 0.075, 0.008 and 0.020 on average per path
     * (one pick 10× too low: 0.612 vs 0.784); without the scaling, on 0 of 6. So it stays opt-in.
     */
    public static final double DEFAULT_MAX_SHARE = Double.POSITIVE_INFINITY;
    /**
     * An opt-in cap ({@code withMaxShare(SHORT_SWEEP_SHARE)}): at most 10% of the planned training
     * steps. It keeps fastai's 100 steps for runs of 1,000 steps or more (one Fashion-MNIST epoch at
     * batch 64 is 938) and stops a 300-image folder trained for one epoch from spending 23 epochs'
     * worth of time on its LR (the bench's 300-image folder trained for 10 epochs: 38 s instead of
     * 236 s, half the run's time instead of 2.6×), at the price measured above.
     */
    public static final double SHORT_SWEEP_SHARE = 0.1;
    /** Fewer steps than this cannot show a curve worth reading. */
    public static final int MIN_ITERATIONS = 20;
    /** Suggestions ignore the first 10% of the planned steps: fastai's {@code lrs[num_it//10:-5]}. */
    static final double SKIP_START_FRACTION = 0.1;
    /** Suggestions ignore the last 5 of fastai's 100 steps (fewer on a shorter sweep, see {@link #skipEnd(int)}). */
    static final int SKIP_END = 5;
    /** fastai's valley splits the longest decreasing run into 3 sections ... */
    private static final int VALLEY_SECTIONS = 3;
    /** ... and picks the point 1/3 + 1/6 of the way along it. */
    private static final int VALLEY_HALF = 2;
    private static final double MINIMUM_DIVISOR = 10;
    private static final String TASK = "LR range test";

    /** Validates every setting; messages name the parameter, the value and the fix. */
    public LrFinder {
        Objects.requireNonNull(suggestion, "suggestion");
        Objects.requireNonNull(progress, "progress");
        if (!(startLr > 0) || Double.isInfinite(startLr)) {
            throw new IllegalArgumentException("startLr must be a finite number > 0, got " + startLr + "; use " + DEFAULT_START_LR);
        }
        if (!(endLr > startLr) || Double.isInfinite(endLr)) {
            throw new IllegalArgumentException("endLr must be finite and > startLr=" + startLr + ", got " + endLr
                    + "; use " + DEFAULT_END_LR);
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be >= " + MIN_ITERATIONS + ", got " + iterations
                    + "; use " + DEFAULT_ITERATIONS);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing + "; use " + DEFAULT_SMOOTHING);
        }
        if (!(divergenceFactor > 1)) {
            throw new IllegalArgumentException("divergenceFactor must be > 1, got " + divergenceFactor + "; use "
                    + DEFAULT_DIVERGENCE_FACTOR);
        }
        if (!(maxShare > 0)) {
            throw new IllegalArgumentException("maxShare must be > 0, got " + maxShare + "; use " + SHORT_SWEEP_SHARE
                    + " for a sweep of at most a tenth of the run, or Double.POSITIVE_INFINITY for no cap");
        }
        if (plannedSteps < 0) {
            throw new IllegalArgumentException("plannedSteps must be >= 0 (0: unknown, no cap), got " + plannedSteps
                    + "; pass epochs × batches per epoch to withTrainingRun(..)");
        }
    }

    /** @return fastai's settings: 1e-7 → 10 in 100 steps, β 0.98, stop at 4 × best, valley; no run to cap by */
    public static LrFinder defaults() {
        return new LrFinder(DEFAULT_START_LR, DEFAULT_END_LR, DEFAULT_ITERATIONS, DEFAULT_SMOOTHING,
                DEFAULT_DIVERGENCE_FACTOR, Suggestion.VALLEY, DEFAULT_MAX_SHARE, 0, Progress.AUTO);
    }

    /** @return a copy sweeping from {@code startLr} to {@code endLr} */
    public LrFinder withRange(double startLr, double endLr) {
        return new LrFinder(startLr, endLr, iterations, smoothing, divergenceFactor, suggestion, maxShare, plannedSteps,
                progress);
    }

    /** @return a copy with another most number of steps */
    public LrFinder withIterations(int iterations) {
        return new LrFinder(startLr, endLr, iterations, smoothing, divergenceFactor, suggestion, maxShare, plannedSteps,
                progress);
    }

    /** @return a copy with another EMA β */
    public LrFinder withSmoothing(double smoothing) {
        return new LrFinder(startLr, endLr, iterations, smoothing, divergenceFactor, suggestion, maxShare, plannedSteps,
                progress);
    }

    /** @return a copy that stops at {@code factor ×} the best loss */
    public LrFinder withDivergenceFactor(double factor) {
        return new LrFinder(startLr, endLr, iterations, smoothing, factor, suggestion, maxShare, plannedSteps, progress);
    }

    /** @return a copy whose result suggests with {@code suggestion} */
    public LrFinder withSuggestion(Suggestion suggestion) {
        return new LrFinder(startLr, endLr, iterations, smoothing, divergenceFactor, suggestion, maxShare, plannedSteps,
                progress);
    }

    /** @return a copy whose sweep takes at most {@code share} of the planned run's steps ({@link #DEFAULT_MAX_SHARE}) */
    public LrFinder withMaxShare(double share) {
        return new LrFinder(startLr, endLr, iterations, smoothing, divergenceFactor, suggestion, share, plannedSteps,
                progress);
    }

    /**
     * @param epochs          the planned epochs of the training run the pick serves
     * @param batchesPerEpoch its batches per epoch
     * @return a copy whose sweep costs at most {@link #maxShare()} of that run (see {@link #steps()})
     */
    public LrFinder withTrainingRun(int epochs, long batchesPerEpoch) {
        if (epochs < 1 || batchesPerEpoch < 1) {
            throw new IllegalArgumentException("withTrainingRun needs epochs >= 1 and batchesPerEpoch >= 1, got "
                    + epochs + " and " + batchesPerEpoch + "; pass the run's planned epochs and batches per epoch");
        }
        return new LrFinder(startLr, endLr, iterations, smoothing, divergenceFactor, suggestion, maxShare,
                Math.multiplyExact(epochs, batchesPerEpoch), progress);
    }

    /** @return a copy that shows its progress this way (default {@link Progress#AUTO}, as {@code Fit}) */
    public LrFinder withProgress(Progress progress) {
        return new LrFinder(startLr, endLr, iterations, smoothing, divergenceFactor, suggestion, maxShare, plannedSteps,
                progress);
    }

    /**
     * The steps the sweep plans (it stops sooner when the loss diverges): {@code iterations}, capped
     * at {@code maxShare × plannedSteps} rounded up when the run is known, and never below
     * {@link #MIN_ITERATIONS}. The LR still spans {@code startLr} to {@code endLr} over them.
     */
    public int steps() {
        if (plannedSteps == 0) {
            return iterations;
        }
        double share = Math.ceil(maxShare * plannedSteps);
        return (int) Math.max(MIN_ITERATIONS, Math.min(iterations, share));
    }

    /**
     * Runs the test on a clone of {@code network}.
     *
     * @param network the network, left exactly as it was
     * @param data    training batches; when it has fewer than {@link #steps()} the sweep passes
     *                over it again (it must support {@code reset()}), as fastai's {@code lr_find} does
     * @return the curve and the suggestions
     */
    public LrFinderResult run(MultiLayerNetwork network, DataSetIterator data) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        MultiLayerNetwork copy = copyOf(network);
        return sweep(new Trainee<DataSet>(b -> copy.score(toDataSet(b)), copy::fit, copy::score,
                copy::setLearningRate), new DataSetSource(data));
    }

    /** As {@link #run(MultiLayerNetwork, DataSetIterator)} for a single-input, single-output graph. */
    public LrFinderResult run(ComputationGraph network, DataSetIterator data) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        ComputationGraph copy = copyOf(network);
        return sweep(new Trainee<DataSet>(copy::score, copy::fit, copy::score, copy::setLearningRate),
                new DataSetSource(data));
    }

    /** As {@link #run(MultiLayerNetwork, DataSetIterator)} for a network of either kind. */
    public LrFinderResult run(Net network, DataSetIterator data) {
        Objects.requireNonNull(network, "network");
        return network.model() instanceof MultiLayerNetwork mln ? run(mln, data)
                : run((ComputationGraph) network.model(), data);
    }

    /** As {@link #run(MultiLayerNetwork, DataSetIterator)} for any graph. */
    public LrFinderResult run(ComputationGraph network, MultiDataSetIterator data) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        ComputationGraph copy = copyOf(network);
        return sweep(new Trainee<MultiDataSet>(copy::score, copy::fit, copy::score, copy::setLearningRate),
                new MultiDataSetSource(data));
    }

    /**
     * An independent copy: configuration through JSON (so updater configs are not shared, as they
     * are by {@code clone()}), parameters and updater state copied, no listeners.
     */
    private static MultiLayerNetwork copyOf(MultiLayerNetwork network) {
        MultiLayerNetwork copy = new MultiLayerNetwork(
                MultiLayerConfiguration.fromJson(network.getLayerWiseConfigurations().toJson()));
        copy.init(network.params().dup(), false);
        FastPath.install(copy);
        INDArray state = network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
        if (state != null) {
            copy.getUpdater().getStateViewArray().assign(state);
        }
        return copy;
    }

    private static ComputationGraph copyOf(ComputationGraph network) {
        ComputationGraph copy = new ComputationGraph(
                ComputationGraphConfiguration.fromJson(network.getConfiguration().toJson()));
        copy.init(network.params().dup(), false);
        FastPath.install(copy);
        INDArray state = network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
        if (state != null) {
            copy.getUpdater().getStateViewArray().assign(state);
        }
        return copy;
    }

    private static org.nd4j.linalg.dataset.DataSet toDataSet(DataSet batch) {
        return batch instanceof org.nd4j.linalg.dataset.DataSet d ? d
                : new org.nd4j.linalg.dataset.DataSet(batch.getFeatures(), batch.getLabels(),
                batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
    }

    <B> LrFinderResult sweep(Trainee<B> trainee, Source<B> source) {
        int steps = steps();
        double beta = smoothingFor(steps);
        List<LrPoint> points = new ArrayList<>();
        double average = 0;
        double best = Double.POSITIVE_INFINITY;
        boolean diverged = false;
        int passes = 1;
        try (ProgressReporter reporter = ProgressReporter.forTasks(log, progress.resolve() == Progress.BAR)) {
            reporter.startTask(TASK, steps);
            for (int i = 0; i < steps; i++) {
                if (!source.hasNext() && i > 0 && source.resetSupported()) {
                    source.reset();
                    passes++;
                }
                if (!source.hasNext()) {
                    throw new IllegalArgumentException(i == 0 ? "data yields no batches; pass the training data"
                            : "data ran out after " + i + " batches and does not support reset(), the sweep needs "
                            + steps + "; use a resettable iterator or withIterations(" + Math.max(i, MIN_ITERATIONS)
                            + ") with at least " + MIN_ITERATIONS + " batches");
                }
                B batch = source.next();
                if (i == 0) {
                    checkStartingLoss(trainee.score(batch));
                }
                double lr = startLr * Math.pow(endLr / startLr, (double) i / (steps - 1));
                trainee.setLearningRate(lr);
                double loss = trainee.fit(batch);
                average = beta * average + (1 - beta) * loss;
                double smoothed = average / (1 - Math.pow(beta, i + 1));
                points.add(new LrPoint(i, lr, loss, smoothed));
                reporter.taskStep(String.format(Locale.ROOT, "lr %.3g, smoothed loss %.4f", lr, smoothed));
                if (!Double.isFinite(smoothed) || smoothed > divergenceFactor * best) {
                    diverged = true;
                    break;
                }
                best = Math.min(best, smoothed);
            }
            reporter.endTask();
            LrFinderResult result = suggest(points, steps, diverged);
            log.info(String.format(Locale.ROOT, "%s: %d of %d steps from %.3g to %.3g%s%s in %.1f s; picked %.3g (%s); "
                            + "valley %.3g, steep %.3g, minimum/10 %.3g", TASK, points.size(), steps, startLr,
                    points.get(points.size() - 1).learningRate(), diverged ? " (stopped: loss diverged)" : "",
                    passes > 1 ? " over " + passes + " passes of the data" : "", reporter.seconds(),
                    result.suggestion(), result.chosen(), result.valley(), result.steep(), result.minimumDiv10()));
            return result;
        } finally {
            if (source.resetSupported()) {
                source.reset();
            }
        }
    }

    private static void checkStartingLoss(double loss) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the network's loss is " + loss + " before the sweep starts, so no learning "
                    + "rate can be judged; check the data for NaN/infinite values, normalise the features, and check "
                    + "the weight init and the output activation/loss pair (Task.outputLayer())");
        }
    }

    /**
     * The loss EMA's β for a sweep of {@code steps}: {@code smoothing} when the sweep takes all
     * {@code iterations}, else {@code smoothing^(iterations / steps)}, so that the average forgets
     * at the same rate per decade of learning rate and a short sweep draws the same curve, sampled
     * more coarsely (0.98 over 100 steps is 0.904 over 20). Without it a 20-step sweep's smoothed
     * loss lagged half the range behind, and its picks trained worse (the bench's lrfinder section).
     */
    double smoothingFor(int steps) {
        return Math.pow(smoothing, (double) iterations / steps);
    }

    /** fastai's last 5 of 100 steps, in proportion on a shorter sweep, at least 1. */
    int skipEnd(int steps) {
        return Math.max(1, (int) Math.round((double) SKIP_END * steps / iterations));
    }

    /**
     * The suggestions over fastai's window: from a tenth of the planned steps (so a sweep that stops
     * early reads the same window as the full one) to the last {@link #skipEnd(int)} recorded.
     */
    LrFinderResult suggest(List<LrPoint> points, int steps, boolean diverged) {
        int from = (int) (steps * SKIP_START_FRACTION);
        int to = points.size() - skipEnd(steps);
        List<LrPoint> window = to - from >= MIN_ITERATIONS / 2 ? points.subList(from, to) : points;
        return new LrFinderResult(points, valley(window), steep(window), minimumDiv10(window), suggestion, diverged);
    }

    /** fastai's {@code valley}: the longest decreasing run of the smoothed loss, at 1/3 + 1/6 of its length. */
    static double valley(List<LrPoint> points) {
        int n = points.size();
        int[] run = new int[n];
        java.util.Arrays.fill(run, 1);
        int maxEnd = 0;
        int maxStart = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (points.get(i).smoothedLoss() < points.get(j).smoothedLoss() && run[i] < run[j] + 1) {
                    run[i] = run[j] + 1;
                }
                if (run[maxEnd] < run[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - run[maxEnd];
                }
            }
        }
        double sections = (double) (maxEnd - maxStart) / VALLEY_SECTIONS;
        int index = Math.min(n - 1, Math.max(0, maxStart + (int) sections + (int) (sections / VALLEY_HALF)));
        return points.get(index).learningRate();
    }

    /** The LR where d(smoothed loss)/d(log10 LR) is most negative (central differences, as numpy.gradient). */
    static double steep(List<LrPoint> points) {
        int n = points.size();
        if (n < 2) {
            return points.get(0).learningRate();
        }
        int bestIndex = 0;
        double bestSlope = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - 1);
            int hi = Math.min(n - 1, i + 1);
            double slope = (points.get(hi).smoothedLoss() - points.get(lo).smoothedLoss())
                    / (Math.log10(points.get(hi).learningRate()) - Math.log10(points.get(lo).learningRate()));
            if (slope < bestSlope) {
                bestSlope = slope;
                bestIndex = i;
            }
        }
        return points.get(bestIndex).learningRate();
    }

    /** The LR of the lowest smoothed loss, divided by 10. */
    static double minimumDiv10(List<LrPoint> points) {
        LrPoint lowest = points.get(0);
        for (LrPoint p : points) {
            if (p.smoothedLoss() < lowest.smoothedLoss()) {
                lowest = p;
            }
        }
        return lowest.learningRate() / MINIMUM_DIVISOR;
    }

    /**
     * What the sweep needs from a network: the loss on a batch, a training step, the loss of the
     * last step, and a way to set the learning rate.
     */
    record Trainee<B>(ToDoubleFunction<B> loss, Consumer<B> step, DoubleSupplier lastLoss,
                              DoubleConsumer learningRate) {
        double score(B batch) {
            return loss.applyAsDouble(batch);
        }

        double fit(B batch) {
            step.accept(batch);
            return lastLoss.getAsDouble();
        }

        void setLearningRate(double lr) {
            learningRate.accept(lr);
        }
    }

    /** What the sweep needs from an iterator. */
    interface Source<B> {
        boolean hasNext();

        B next();

        boolean resetSupported();

        void reset();
    }

    private record DataSetSource(DataSetIterator it) implements Source<DataSet> {
        public boolean hasNext() {
            return it.hasNext();
        }

        public DataSet next() {
            return it.next();
        }

        public boolean resetSupported() {
            return it.resetSupported();
        }

        public void reset() {
            it.reset();
        }
    }

    private record MultiDataSetSource(MultiDataSetIterator it) implements Source<MultiDataSet> {
        public boolean hasNext() {
            return it.hasNext();
        }

        public MultiDataSet next() {
            return it.next();
        }

        public boolean resetSupported() {
            return it.resetSupported();
        }

        public void reset() {
            it.reset();
        }
    }
}
