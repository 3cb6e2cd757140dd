package io.github.dl4jrecipes.examples.sequence;

import io.github.dl4jrecipes.core.internal.Args;

import java.util.Objects;

/**
 * How a forecaster reads its series, saved next to the model so that predictions cut the same
 * windows: the value column (and the time column to skip), window, horizon and season. The
 * windows are relative to their last value ({@code SlidingWindows.withRelativeToLast()}).
 *
 * @param column     the series' column
 * @param timeColumn the time-stamp column, or null
 * @param window     steps each forecast sees
 * @param horizon    steps ahead it forecasts
 * @param season     steps per season, for the seasonal naive baseline
 */
public record ForecastSpec(String column, String timeColumn, int window, int horizon, int season) {

    /** Validates; also what reading the saved file runs, so a damaged file is refused. */
    public ForecastSpec {
        Objects.requireNonNull(column, "column");
        Args.atLeast("window", window, 1, "pass the steps each forecast sees, e.g. 24");
        Args.atLeast("horizon", horizon, 1, "pass how many steps ahead to forecast: 1 is the next step");
        Args.atLeast("season", season, 1, "pass the steps per seasonal cycle, e.g. 12 for monthly data");
    }
}
