package io.github.dl4jrecipes.tuning;

import java.util.List;

/** Every trial trains for the same number of epochs. */
record FullBudget(int epochs) implements Scheduler {

    FullBudget {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs per trial must be >= 1, got " + epochs
                    + "; a budget of zero trains nothing");
        }
    }

    @Override
    public Decision next(List<TrialRecord> trials, Direction direction) {
        return new Decision.Start(epochs, -1, 0);
    }
}
