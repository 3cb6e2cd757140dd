package io.github.dl4jrecipes.tuning;

import java.util.Comparator;
import java.util.List;

/** Asynchronous successive halving; see {@link Scheduler#asha}. */
record Asha(Rungs rungs) implements Scheduler {

    @Override
    public Decision next(List<TrialRecord> trials, Direction direction) {
        for (int k = rungs.top() - 1; k >= 0; k--) {
            int budget = rungs.epochs(k);
            List<TrialRecord> reached = trials.stream()
                    .filter(t -> t.status() != TrialStatus.FAILED && !Double.isNaN(t.valueAt(budget)))
                    .sorted(Comparator.comparingDouble((TrialRecord t) -> direction.toLoss(t.valueAt(budget)))
                            .thenComparingInt(TrialRecord::number))
                    .toList();
            int promotable = reached.size() / rungs.eta();
            for (TrialRecord t : reached.subList(0, promotable)) {
                if (t.rung() == k && t.status() == TrialStatus.COMPLETE) {
                    return new Decision.Promote(t.number(), rungs.epochs(k + 1), k + 1);
                }
            }
        }
        return new Decision.Start(rungs.epochs(0), -1, 0);
    }
}
