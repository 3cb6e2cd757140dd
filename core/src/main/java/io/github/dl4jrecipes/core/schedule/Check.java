package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;

/** The schedules' shared arithmetic (cosine interpolation, the 1cycle curve) and their momentum check. */
final class Check {

    private Check() {
    }

    /** A momentum or beta1 in [0, 1). */
    static double momentum(String name, double value) {
        return Args.belowOne(name, value, "momentum/beta1 of 1 or more never forgets and diverges: use e.g. 0.9 "
                + "(0.95 to 0.85 for 1cycle)");
    }

    static int time(org.nd4j.linalg.schedule.ScheduleType type, int iteration, int epoch) {
        return type == org.nd4j.linalg.schedule.ScheduleType.ITERATION ? iteration : epoch;
    }

    /** fastai's {@code SchedCos}: cosine interpolation from {@code start} (pos 0) to {@code end} (pos 1). */
    static double cosine(double start, double end, double pos) {
        return start + (1 + Math.cos(Math.PI * (1 - pos))) * (end - start) / 2;
    }

    /** fastai's {@code combined_cos(pct, start, middle, end)} at {@code iteration} of {@code total}. */
    static double cycle(double start, double middle, double end, double pctStart, int iteration, int total) {
        if (iteration >= total) {
            return end;
        }
        double pos = (double) Math.max(iteration, 0) / total;
        return pos < pctStart
                ? cosine(start, middle, pos / pctStart)
                : cosine(middle, end, (pos - pctStart) / (1 - pctStart));
    }
}
