package io.github.dl4jrecipes.core.eval;

import io.github.dl4jrecipes.core.train.Net;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * Inference latency per example, a helper metric to report next to the task's metric (never to
 * rank by alone). Runs the network on one batch a number of times after a warm-up and reports
 * the median and the 90th percentile, divided by the batch size.
 *
 * <pre>{@code
 * Latency latency = Latency.measure(net, testFeatures);   // e.g. a batch of 64
 * log.info("{}", latency);                                // median 0.041 ms/example ...
 * }</pre>
 *
 * @param medianMillisPerExample median wall time per example, in milliseconds
 * @param p90MillisPerExample    90th percentile per example, in milliseconds
 * @param batchSize              examples per timed call
 * @param repeats                timed calls
 */
public record Latency(double medianMillisPerExample, double p90MillisPerExample, long batchSize,
                      int repeats) {

    /** Untimed calls first, so JIT compilation and workspace allocation are not measured. */
    public static final int DEFAULT_WARMUP = 5;
    /** Timed calls: enough for a stable median on a quiet machine. */
    public static final int DEFAULT_REPEATS = 30;
    private static final double PERCENTILE_90 = 0.9;
    private static final double NANOS_PER_MILLI = 1e6;

    /** Measures with the default warm-up and repeats. */
    public static Latency measure(Model network, INDArray batch) {
        return measure(network, batch, DEFAULT_WARMUP, DEFAULT_REPEATS);
    }

    /**
     * Measures the latency of {@code network.output(batch)} in inference mode.
     *
     * @param warmup  untimed calls first, ≥ 0
     * @param repeats timed calls, ≥ 1
     */
    public static Latency measure(Model network, INDArray batch, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("warmup must be >= 0 and repeats >= 1, got warmup " + warmup
                    + " and repeats " + repeats + "; the defaults are " + DEFAULT_WARMUP + " and "
                    + DEFAULT_REPEATS + ".");
        }
        if (batch.rank() < 2 || batch.size(0) < 1) {
            throw new IllegalArgumentException("batch must hold at least one example along dimension 0, "
                    + "got shape " + Arrays.toString(batch.shape()) + ".");
        }
        Net net = Net.of(network);
        for (int i = 0; i < warmup; i++) {
            net.output(batch);
        }
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            net.output(batch);
            millis[i] = (System.nanoTime() - start) / NANOS_PER_MILLI / batch.size(0);
        }
        Arrays.sort(millis);
        return new Latency(millis[repeats / 2], millis[(int) Math.ceil(PERCENTILE_90 * repeats) - 1],
                batch.size(0), repeats);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "latency: median %.4f ms/example, p90 %.4f ms/example "
                + "(batch %d, %d runs)", medianMillisPerExample, p90MillisPerExample, batchSize, repeats);
    }
}
