package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Dimension;
import io.github.dl4jrecipes.tuning.TrialRecord;
import io.github.dl4jrecipes.tuning.TrialSource;

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

    /**
     * Axes drawn without the space (a report from a database): a categorical coordinate's ticks
     * labelled with the values its trials record, an ordered one's over the unit coordinate.
     *
     * @param dimensions the space's coordinates
     * @param trials     the study's trials
     * @return an axis per coordinate
     */
    public static List<Axis> fromTrials(List<Dimension> dimensions, List<TrialRecord> trials) {
        List<Axis> axes = new java.util.ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension d = dimensions.get(i);
            if (!d.isCategorical()) {
                axes.add(LeafInverse.unitAxis(d.name()));
                continue;
            }
            List<Tick> ticks = new java.util.ArrayList<>();
            for (int c = 0; c < d.categories(); c++) {
                int category = c;
                int coordinate = i;
                String label = trials.stream().filter(t -> t.source() != TrialSource.AS_GIVEN
                                && t.point().length > coordinate && d.category(t.point()[coordinate]) == category)
                        .map(t -> t.params().get(d.name())).filter(java.util.Objects::nonNull).findFirst()
                        .orElse("#" + (category + 1));
                ticks.add(new Tick(d.unitOf(c), label));
            }
            axes.add(new Axis(d.name(), true, false, ticks));
        }
        return axes;
    }
}
