package io.github.dl4jrecipes.tuning;

import java.util.Comparator;
import java.util.List;

/**
 * Hyperband; see {@link Scheduler#hyperband}. Bracket b (0-based, counting on across sweeps) has
 * s = s_max − (b mod (s_max + 1)); it starts n = ⌈(s_max + 1)·η^s / (s + 1)⌉ trials at rung
 * s_max − s and keeps ⌊n·η^−i⌋ of them at each following rung. A bracket promotes only once every
 * trial of its current rung has finished; while it waits, the next bracket may start.
 */
record Hyperband(Rungs rungs, int iterations) implements Scheduler {

    Hyperband {
        if (iterations < 1) {
            throw new IllegalArgumentException("Hyperband iterations must be >= 1, got " + iterations);
        }
    }

    /**
     * @param bracket a bracket number
     * @return s, the number of halvings in that bracket
     */
    int halvings(int bracket) {
        int sMax = rungs.top();
        return sMax - bracket % (sMax + 1);
    }

    /**
     * @param bracket a bracket number
     * @param i       a rung within the bracket, 0 … s
     * @return how many trials train at that rung
     */
    int trialsAt(int bracket, int i) {
        int s = halvings(bracket);
        int sMax = rungs.top();
        long n = ceilDiv((sMax + 1) * Rungs.pow(rungs.eta(), s), s + 1);
        return (int) (n / Rungs.pow(rungs.eta(), i));
    }

    /**
     * @param bracket a bracket number
     * @param i       a rung within the bracket
     * @return the epochs trials reach at that rung
     */
    int epochsAt(int bracket, int i) {
        return rungs.epochs(rungs.top() - halvings(bracket) + i);
    }

    @Override
    public Decision next(List<TrialRecord> trials, Direction direction) {
        int brackets = iterations * (rungs.top() + 1);
        boolean waiting = false;
        for (int b = 0; b < brackets; b++) {
            int bracket = b;
            List<TrialRecord> in = trials.stream().filter(t -> t.bracket() == bracket).toList();
            if (in.size() < trialsAt(b, 0)) {
                return new Decision.Start(epochsAt(b, 0), b, rungs.top() - halvings(b));
            }
            Decision d = promotion(b, in, direction);
            if (d instanceof Decision.Wait) {
                waiting = true;
            } else if (d != null) {
                return d;
            }
        }
        return waiting ? new Decision.Wait() : new Decision.Done();
    }

    /** @return a promotion, Wait while a rung is unfinished, or null when the bracket is done */
    private Decision promotion(int b, List<TrialRecord> in, Direction direction) {
        int base = rungs.top() - halvings(b);
        for (int i = 0; i < halvings(b); i++) {
            int rung = base + i;
            int budget = epochsAt(b, i);
            boolean unfinished = in.stream().anyMatch(t -> t.rung() == rung
                    && (t.status() == TrialStatus.RUNNING || t.status() == TrialStatus.WAITING));
            if (unfinished) {
                return new Decision.Wait();
            }
            long promoted = in.stream().filter(t -> t.rung() > rung).count();
            int keep = trialsAt(b, i + 1);
            if (promoted >= keep) {
                continue;
            }
            List<TrialRecord> ranked = in.stream()
                    .filter(t -> t.rung() >= rung && t.status() != TrialStatus.FAILED
                            && !Double.isNaN(t.valueAt(budget)))
                    .sorted(Comparator.comparingDouble((TrialRecord t) -> direction.toLoss(t.valueAt(budget)))
                            .thenComparingInt(TrialRecord::number))
                    .limit(keep).toList();
            for (TrialRecord t : ranked) {
                if (t.rung() == rung && t.status() == TrialStatus.COMPLETE) {
                    return new Decision.Promote(t.number(), epochsAt(b, i + 1), rung + 1);
                }
            }
        }
        return null;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
