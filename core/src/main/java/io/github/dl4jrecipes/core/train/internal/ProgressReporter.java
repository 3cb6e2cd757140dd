package io.github.dl4jrecipes.core.train.internal;

import io.github.dl4jrecipes.core.train.EpochRecord;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Progress of a run: an SLF4J line per epoch, and with {@code bar} a console progress bar per
 * epoch with ETA, running loss and throughput.
 */
public final class ProgressReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.dl4jrecipes.core.train.Fit");
    /** Console refresh interval: fast enough to look live, slow enough to cost nothing. */
    private static final int BAR_REFRESH_MILLIS = 250;
    private static final double NANOS_PER_SECOND = 1e9;

    private final boolean bar;
    private final String metric;
    private final int epochs;
    private ProgressBar current;
    private long lastEpochBatches = -1;
    private long batches;
    private long examples;
    private double lossSum;
    private long startNanos;

    /**
     * @param bar    whether to show a console bar
     * @param metric the metric's name, for the log lines
     * @param epochs the planned number of epochs
     */
    public ProgressReporter(boolean bar, String metric, int epochs) {
        this.bar = bar;
        this.metric = metric;
        this.epochs = epochs;
    }

    /** Starts an epoch. */
    public void startEpoch(int epoch) {
        batches = 0;
        examples = 0;
        lossSum = 0;
        startNanos = System.nanoTime();
        if (bar) {
            current = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs)
                    .setInitialMax(lastEpochBatches).setUnit(" batches", 1)
                    .setUpdateIntervalMillis(BAR_REFRESH_MILLIS).build();
        }
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

    /** Seconds since the epoch started. */
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
        LOG.info(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f%s | valid loss %.4f%s | lr %.3g | %.1f s, "
                + "%.0f samples/s", e.epoch(), epochs, e.trainLoss(), metric(e.trainMetric()), e.validLoss(),
                metric(e.validMetric()), e.learningRate(), e.wallSeconds(), e.samplesPerSecond()));
    }

    private String metric(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, ", %s %.4f", metric, value);
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
