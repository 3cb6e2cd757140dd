package io.github.dl4jrecipes.tuning;

/** What a {@link Scheduler} wants done next. */
public sealed interface Decision {

    /**
     * Start a new trial.
     *
     * @param epochs  epochs to train it for
     * @param bracket its Hyperband bracket, or -1
     * @param rung    its rung (0)
     */
    record Start(int epochs, int bracket, int rung) implements Decision {
    }

    /**
     * Continue a trial from its checkpoint to more epochs.
     *
     * @param trial  the trial number
     * @param epochs the epochs it is to reach
     * @param rung   the rung it is promoted to
     */
    record Promote(int trial, int epochs, int rung) implements Decision {
    }

    /** Nothing can start until a running trial finishes. */
    record Wait() implements Decision {
    }

    /** The schedule is complete. */
    record Done() implements Decision {
    }
}
