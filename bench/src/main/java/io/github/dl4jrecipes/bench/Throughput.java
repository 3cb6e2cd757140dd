package io.github.dl4jrecipes.bench;

import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Training throughput: images per second over timed windows of {@code iterations} batches, after
 * a warm-up; the median window is the result. Inputs are random pixels with fixed labels, which
 * costs exactly what real images cost and keeps data loading out of the number. Flat
 * {@code [batch, 784]} inputs for networks with a flat input type, {@code [batch, 1, 28, 28]} for
 * graphs with a convolutional one (the image recipes).
 */
final class Throughput {
    private static final int DISTINCT_BATCHES = 16;

    private final int warmup;
    private final int iterations;
    private final int windows;

    Throughput(int warmup, int iterations, int windows) {
        this.warmup = warmup;
        this.iterations = iterations;
        this.windows = windows;
    }

    /** Median and all windows, in images per second. */
    record Result(double median, double[] windows) {
        @Override
        public String toString() {
            return String.format("%.0f img/s %s", median, Arrays.toString(
                    Arrays.stream(windows).mapToLong(Math::round).toArray()));
        }
    }

    /** The same windows with another warm-up and window length (heavier networks). */
    Throughput withIterations(int warmup, int iterations) {
        return new Throughput(warmup, iterations, windows);
    }

    int warmup() {
        return warmup;
    }

    int iterations() {
        return iterations;
    }

    int windows() {
        return windows;
    }

    /** Trains on flat {@code [batch, 784]} images. */
    Result measure(NeuralNetwork net, int batchSize, long seed) {
        return measure(net, batchSize, seed, Networks.SIDE * Networks.SIDE);
    }

    /** Trains on random images of {@code exampleShape} per example, e.g. {@code 1, 28, 28}. */
    Result measure(NeuralNetwork net, int batchSize, long seed, long... exampleShape) {
        DataSet[] batches = batches(batchSize, seed, exampleShape);
        for (int i = 0; i < warmup; i++) {
            net.fit(batches[i % batches.length]);
        }
        double[] rates = new double[windows];
        for (int w = 0; w < windows; w++) {
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                net.fit(batches[i % batches.length]);
            }
            rates[w] = (double) iterations * batchSize / ((System.nanoTime() - start) / 1e9);
        }
        return new Result(median(rates), rates);
    }

    /** The median of {@code values} (the upper one of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static DataSet[] batches(int batchSize, long seed, long... exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = batchSize;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        Nd4j.getRandom().setSeed(seed);
        DataSet[] batches = new DataSet[DISTINCT_BATCHES];
        for (int b = 0; b < batches.length; b++) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, batchSize, Networks.CLASSES);
            for (int r = 0; r < batchSize; r++) {
                labels.putScalar(r, (r + b) % Networks.CLASSES, 1f);
            }
            batches[b] = new DataSet(Nd4j.rand(DataType.FLOAT, shape), labels);
        }
        return batches;
    }
}
