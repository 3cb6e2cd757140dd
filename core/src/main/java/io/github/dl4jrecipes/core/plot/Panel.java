package io.github.dl4jrecipes.core.plot;

import java.util.List;
import java.util.Objects;

/**
 * One chart of a figure: a title, axis labels and its curves.
 *
 * @param title  the chart title
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param curves the lines drawn
 * @param logY   whether the y axis is logarithmic (points with y ≤ 0 are then left out)
 */
public record Panel(String title, String xLabel, String yLabel, List<Curve> curves, boolean logY) {

    /** Validates the arguments. */
    public Panel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        curves = List.copyOf(curves);
    }

    /** A panel with a linear y axis. */
    public static Panel of(String title, String xLabel, String yLabel, List<Curve> curves) {
        return new Panel(title, xLabel, yLabel, curves, false);
    }

    /** This panel with a logarithmic ({@code true}) or linear y axis. */
    public Panel withLogY(boolean log) {
        return new Panel(title, xLabel, yLabel, curves, log);
    }
}
