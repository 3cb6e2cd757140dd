package io.github.dl4jrecipes.examples.sequence;

import java.util.Locale;

/**
 * Mean absolute and root-mean-square error of forecasts against the actual values.
 *
 * @param mae  mean absolute error
 * @param rmse root-mean-square error
 */
public record ForecastErrors(double mae, double rmse) {

    /** The errors of {@code forecast} against {@code actual} (same length, at least one). */
    public static ForecastErrors of(double[] forecast, double[] actual) {
        if (forecast.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException("forecast: need one forecast per actual value (" + actual.length
                    + "), got " + forecast.length);
        }
        double abs = 0;
        double sq = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = forecast[i] - actual[i];
            abs += Math.abs(e);
            sq += e * e;
        }
        return new ForecastErrors(abs / actual.length, Math.sqrt(sq / actual.length));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MAE %.4f, RMSE %.4f", mae, rmse);
    }
}
