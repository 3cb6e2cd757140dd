package io.github.dl4jrecipes.core.schedule;

/** Argument checks shared by the schedules; messages name the parameter, the value and the fix. */
final class Check {

    private Check() {
    }

    static double positive(String name, double value, String fix) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value + "; " + fix);
        }
        return value;
    }

    static int atLeast(String name, int value, int min, String fix) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value + "; " + fix);
        }
        return value;
    }

    static double momentum(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value
                    + "; momentum/beta1 of 1 or more never forgets and diverges: use e.g. 0.9 (0.95 to 0.85 for 1cycle)");
        }
        return value;
    }

    static double openUnit(String name, double value, String fix) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + value + "; " + fix);
        }
        return value;
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
