package io.github.dl4jrecipes.examples.sequence;

import io.github.dl4jrecipes.core.internal.Args;

/**
 * The seasonal naive forecast, the baseline a forecasting network must beat: "the same as last
 * season" (Hyndman &amp; Athanasopoulos, "Forecasting: Principles and Practice", §5.2). The value
 * for step τ forecast {@code horizon} steps ahead is the value one season earlier, or as many
 * whole seasons earlier as it takes to be known when the forecast is made:
 * {@code x[τ − season·ceil(horizon / season)]}.
 *
 * @param season  steps per season (12 for a monthly series with a yearly cycle)
 * @param horizon steps ahead the forecasts are made
 */
public record SeasonalNaive(int season, int horizon) {

    /** Validates the sizes. */
    public SeasonalNaive {
        Args.atLeast("season", season, 1, "pass the steps per seasonal cycle, e.g. 12 for monthly data");
        Args.atLeast("horizon", horizon, 1, "pass how many steps ahead the forecasts are made");
    }

    /** How far back the forecast looks: whole seasons, at least {@code horizon} steps. */
    public int lag() {
        return season * ((horizon + season - 1) / season);
    }

    /**
     * Forecasts for the steps {@code targetTimes} of {@code values}.
     *
     * @throws IllegalArgumentException when a step has no value {@link #lag()} steps before it
     */
    public double[] forecast(double[] values, int[] targetTimes) {
        double[] forecast = new double[targetTimes.length];
        for (int i = 0; i < targetTimes.length; i++) {
            int from = targetTimes[i] - lag();
            if (from < 0) {
                throw new IllegalArgumentException("season: step " + targetTimes[i] + " has no value " + lag()
                        + " steps earlier; fix: a window of at least one season, so forecasts start after one");
            }
            forecast[i] = values[from];
        }
        return forecast;
    }
}
