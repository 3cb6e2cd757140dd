package io.github.dl4jrecipes.core.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Objects;

/**
 * Forecasting examples cut by {@link SlidingWindows}: the data and, per example, where its
 * forecast step lies and the level {@link SlidingWindows#withRelativeToLast()} took off.
 *
 * @param data       features {@code [examples, features, window]}, labels {@code [examples, 1]}
 * @param sequence   per example, the index of its sequence in the {@link TimeSeries}
 * @param targetTime per example, the time step its label is taken from
 * @param offset     per example, the level subtracted from its label (0 unless relative)
 */
public record Windows(DataSet data, int[] sequence, int[] targetTime, double[] offset) {

    /** Validates that every array has one entry per example. */
    public Windows {
        Objects.requireNonNull(data, "data");
        int n = data.numExamples();
        if (sequence.length != n || targetTime.length != n || offset.length != n) {
            throw new IllegalArgumentException("windows: need one sequence, target time and offset per example ("
                    + n + "), got " + sequence.length + ", " + targetTime.length + ", " + offset.length);
        }
    }

    /** Number of examples. */
    public int size() {
        return offset.length;
    }

    /** The labels in the series' own units (the level added back). */
    public double[] actual() {
        return restore(data.getLabels());
    }

    /**
     * Forecasts in the series' own units: {@code predictions} ({@code [examples, 1]}, as the
     * network outputs them for {@code data}'s features) with each example's level added back.
     */
    public double[] restore(INDArray predictions) {
        if (predictions.length() != size()) {
            throw new IllegalArgumentException("predictions: need one per window (" + size() + "), got "
                    + predictions.length() + "; fix: predict on this Windows' features");
        }
        double[] restored = predictions.reshape(predictions.length()).toDoubleVector();
        for (int i = 0; i < restored.length; i++) {
            restored[i] += offset[i];
        }
        return restored;
    }
}
