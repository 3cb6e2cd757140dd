package io.github.dl4jrecipes.tuning;

/** Whether the study's objective is to be maximised (accuracy) or minimised (loss). */
public enum Direction {
    /** Higher is better. */
    MAXIMIZE,
    /** Lower is better. */
    MINIMIZE;

    /**
     * @param value an objective value
     * @return the value oriented so that lower is better
     */
    public double toLoss(double value) {
        return this == MAXIMIZE ? -value : value;
    }

    /**
     * @param a an objective value
     * @param b another
     * @return whether {@code a} is strictly better than {@code b}
     */
    public boolean better(double a, double b) {
        return toLoss(a) < toLoss(b);
    }
}
