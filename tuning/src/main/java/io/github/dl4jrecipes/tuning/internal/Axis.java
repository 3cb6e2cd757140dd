package io.github.dl4jrecipes.tuning.internal;

import java.util.List;

/**
 * How a report draws one hyperparameter's axis: its ticks as unit coordinates with labels; for a
 * categorical one, one tick per category at the centre of its bin, where every trial with that
 * category is drawn.
 *
 * @param name        the hyperparameter
 * @param categorical whether the ticks are categories
 * @param log         whether the range is on a log scale
 * @param ticks       the ticks, lowest first
 */
public record Axis(String name, boolean categorical, boolean log, List<Tick> ticks) {

    /**
     * One tick.
     *
     * @param unit  where it sits on the axis, in [0, 1]
     * @param label its value as text
     */
    public record Tick(double unit, String label) {
    }

    /** Copies the ticks. */
    public Axis {
        ticks = List.copyOf(ticks);
    }
}
