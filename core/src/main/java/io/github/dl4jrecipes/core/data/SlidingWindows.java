package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link TimeSeries} cut into sliding windows for forecasting: each example is {@code window}
 * consecutive steps of every feature ({@code [examples, features, window]}, DL4J's recurrent
 * layout), its label the target feature {@code horizon} steps after the window's last step
 * ({@code [examples, 1]}; horizon 1 is the next step). Windows move one step at a time within
 * each sequence, never across sequences. {@link #splitByTime(double)} splits each sequence at a
 * point in time: training windows forecast steps before it, validation windows steps from it on
 * (their inputs may look back across it, as a forecast made at that time would); nothing is
 * shuffled across the split point.
 *
 * <p>{@link #withRelativeToLast()} subtracts, per window, each feature's last value from its
 * steps and the target's last value from the label, so a network learns changes rather than
 * levels (a series with a trend leaves the training range; its changes do not);
 * {@link Windows#restore} adds the level back.
 *
 * <pre>{@code
 * TimeSplit split = series.windows(24, 1).withRelativeToLast().splitByTime(0.8);
 * double[] forecast = split.valid().restore(model.predict(split.valid().data().getFeatures()));
 * }</pre>
 *
 * @param series   the series
 * @param window   input steps per example, at least 1
 * @param horizon  steps from the window's last step to the forecast one, at least 1
 * @param target   index of the forecast feature in {@link TimeSeries#features()}
 * @param relative whether windows are relative to their last values
 */
public record SlidingWindows(TimeSeries series, int window, int horizon, int target, boolean relative) {

    /** Validates the sizes against every sequence. */
    public SlidingWindows {
        Objects.requireNonNull(series, "series");
        Args.atLeast("window", window, 1, "pass the number of past steps each forecast sees, e.g. 24 (two years "
                + "of a monthly series)");
        Args.atLeast("horizon", horizon, 1, "pass how many steps ahead to forecast: 1 is the next step");
        if (target < 0 || target >= series.features().size()) {
            throw new IllegalArgumentException("target: index " + target + " is not a feature of " + series
                    + "; fix: withTarget(name) with one of " + series.features());
        }
        for (int s = 0; s < series.sequences().size(); s++) {
            int length = series.length(s);
            if (length < window + horizon) {
                throw new IllegalArgumentException("horizon: a window of " + window + " steps forecasting " + horizon
                        + " step(s) ahead needs " + (window + horizon) + " steps, but series '" + series.ids().get(s)
                        + "' of " + series.source() + " has " + length + "; fix: a horizon of at most "
                        + Math.max(0, length - window) + " with this window, or a shorter window");
            }
        }
    }

    static SlidingWindows of(TimeSeries series, int window, int horizon) {
        return new SlidingWindows(series, window, horizon, 0, false);
    }

    /** A copy that forecasts feature {@code name}. */
    public SlidingWindows withTarget(String name) {
        return new SlidingWindows(series, window, horizon, series.featureIndex(name), relative);
    }

    /** A copy whose windows and labels are relative to each window's last values. */
    public SlidingWindows withRelativeToLast() {
        return new SlidingWindows(series, window, horizon, target, true);
    }

    /** Every window of every sequence. */
    public Windows all() {
        List<int[]> picks = new ArrayList<>();
        for (int s = 0; s < series.sequences().size(); s++) {
            for (int end = window; end + horizon <= series.length(s); end++) {
                picks.add(new int[]{s, end});
            }
        }
        return windows(picks);
    }

    /**
     * Splits each sequence at step {@code round(length · trainFraction)}: windows whose forecast
     * step lies before it train, the others validate.
     *
     * @throws IllegalArgumentException when the fraction is not in (0, 1), or leaves the
     *     training or the validation part without a window
     */
    public TimeSplit splitByTime(double trainFraction) {
        Args.openUnit("trainFraction", trainFraction, "pass the share of each series' steps to train on, e.g. 0.8");
        List<int[]> train = new ArrayList<>();
        List<int[]> valid = new ArrayList<>();
        int[] cuts = new int[series.sequences().size()];
        for (int s = 0; s < cuts.length; s++) {
            int length = series.length(s);
            cuts[s] = (int) Math.round(length * trainFraction);
            for (int end = window; end + horizon <= length; end++) {
                (end + horizon - 1 < cuts[s] ? train : valid).add(new int[]{s, end});
            }
        }
        if (train.isEmpty() || valid.isEmpty()) {
            int length = series.length(0);
            int firstTarget = window + horizon - 1;
            throw new IllegalArgumentException("trainFraction: " + trainFraction + " cuts series '"
                    + series.ids().get(0) + "' (" + length + " steps) at step " + cuts[0] + ", which leaves the "
                    + (valid.isEmpty() ? "validation" : "training") + " window empty (the first forecast step is "
                    + firstTarget + ", the last " + (length - 1) + "); fix: a trainFraction from "
                    + String.format(Locale.ROOT, "%.3f to below %.3f", (firstTarget + 0.5) / length,
                    (length - 0.5) / length) + ", or a shorter window or horizon");
        }
        return new TimeSplit(windows(train), windows(valid), cuts);
    }

    private Windows windows(List<int[]> picks) {
        int features = series.features().size();
        INDArray x = Nd4j.create(DataType.FLOAT, picks.size(), features, window);
        INDArray y = Nd4j.create(DataType.FLOAT, picks.size(), 1);
        int[] sequence = new int[picks.size()];
        int[] targetTime = new int[picks.size()];
        double[] offset = new double[picks.size()];
        for (int i = 0; i < picks.size(); i++) {
            int s = picks.get(i)[0];
            int end = picks.get(i)[1];
            double[][] values = series.sequences().get(s);
            for (int f = 0; f < features; f++) {
                double level = relative ? values[f][end - 1] : 0;
                for (int t = 0; t < window; t++) {
                    x.putScalar(new long[]{i, f, t}, values[f][end - window + t] - level);
                }
            }
            sequence[i] = s;
            targetTime[i] = end + horizon - 1;
            offset[i] = relative ? values[target][end - 1] : 0;
            y.putScalar(i, 0, values[target][targetTime[i]] - offset[i]);
        }
        return new Windows(new DataSet(x, y), sequence, targetTime, offset);
    }
}
