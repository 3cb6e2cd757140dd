package io.github.dl4jrecipes.core.train.internal;

import io.github.dl4jrecipes.core.train.EpochRecord;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Progress of a run: an SLF4J line per epoch, and with {@code bar} a console progress bar per
 * epoch with ETA, running loss and throughput. A counted task that is not an epoch (the LR range
 * test) shows the same bar, or without one a log line every tenth of its steps.
 */
public final class ProgressReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.dl4jrecipes.core.train.Fit");
    /** Console refresh interval: fast enough to look live, slow enough to cost nothing. */
    private static final int BAR_REFRESH_MILLIS = 250;
    private static final double NANOS_PER_SECOND = 1e9;
    /** Without a bar a counted task logs this many lines: often enough to show life, few enough to read. */
    private static final int TASK_LOG_LINES = 10;

    private final Logger log;
    private final boolean bar;
    private final String metric;
    private final int epochs;
    private ProgressBar current;
    private long lastEpochBatches = -1;
    private long batches;
    private long examples;
    private double lossSum;
    private long startNanos;
    private String task;
    private long taskSteps;

    /**
     * @param bar    whether to show a console bar
     * @param metric the metric's name, for the log lines
     * @param epochs the planned number of epochs
     */
    public ProgressReporter(boolean bar, String metric, int epochs) {
        this(LOG, bar, metric, epochs);
    }

    private ProgressReporter(Logger log, boolean bar, String metric, int epochs) {
        this.log = log;
        this.bar = bar;
        this.metric = metric;
        this.epochs = epochs;
    }

    /**
     * A reporter for counted tasks only ({@link #startTask}), logging to {@code log}.
     *
     * @param log where the lines go (the task's own logger)
     * @param bar whether to show a console bar
     */
    public static ProgressReporter forTasks(Logger log, boolean bar) {
        return new ProgressReporter(log, bar, null, 0);
    }

    /** Starts an epoch. */
    public void startEpoch(int epoch) {
        batches = 0;
        examples = 0;
        lossSum = 0;
        startNanos = System.nanoTime();
        if (bar) {
            current = openBar("epoch " + epoch + "/" + epochs, lastEpochBatches, " batches");
        }
    }

    /**
     * Starts a counted task: a bar of {@code steps}, or without a bar a log line every tenth of them.
     *
     * @param name  what the lines call it, e.g. "LR range test"
     * @param steps the planned number of steps (the task may end sooner)
     */
    public void startTask(String name, long steps) {
        task = name;
        taskSteps = steps;
        batches = 0;
        startNanos = System.nanoTime();
        if (bar) {
            current = openBar(name, steps, " steps");
        }
    }

    /** Records one step of the task, with what to show beside the bar or in the log line (e.g. its LR and loss). */
    public void taskStep(String message) {
        batches++;
        if (current != null) {
            current.step();
            current.setExtraMessage(" " + message);
        } else if (batches % Math.max(1, taskSteps / TASK_LOG_LINES) == 0) {
            log.info("{}: step {}/{}, {}", task, batches, taskSteps, message);
        }
    }

    /** Ends the task (the bar disappears; the task logs its own final line). */
    public void endTask() {
        closeBar();
    }

    /** Records one trained minibatch. */
    public void batch(double loss, long batchExamples) {
        batches++;
        examples += batchExamples;
        lossSum += loss;
        if (current != null) {
            current.step();
            current.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, %.0f samples/s",
                    lossSum / batches, examples / seconds()));
        }
    }

    /** Mean minibatch loss of the epoch so far. */
    public double meanLoss() {
        return batches == 0 ? Double.NaN : lossSum / batches;
    }

    /** Examples trained on in the epoch so far. */
    public long examples() {
        return examples;
    }

    /** Seconds since the epoch or the task started. */
    public double seconds() {
        return (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
    }

    /** Ends the training pass of an epoch (the bar disappears; evaluation follows). */
    public void endTraining() {
        lastEpochBatches = batches;
        closeBar();
    }

    /** Logs an epoch's record; a metric that was not measured (NaN) is left out. */
    public void epochDone(EpochRecord e) {
        log.info(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f%s | valid loss %.4f%s | lr %.3g | %.1f s, "
                + "%.0f samples/s", e.epoch(), epochs, e.trainLoss(), metric(e.trainMetric()), e.validLoss(),
                metric(e.validMetric()), e.learningRate(), e.wallSeconds(), e.samplesPerSecond()));
    }

    private String metric(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, ", %s %.4f", metric, value);
    }

    private static ProgressBar openBar(String name, long max, String unit) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(max).setUnit(unit, 1)
                .setUpdateIntervalMillis(BAR_REFRESH_MILLIS).build();
    }

    private void closeBar() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}
