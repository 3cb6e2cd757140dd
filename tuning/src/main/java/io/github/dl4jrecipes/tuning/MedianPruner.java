package io.github.dl4jrecipes.tuning;

import java.util.List;

/** Median stopping; see {@link Pruner#median}. */
record MedianPruner(int minTrials, int warmupEpochs) implements Pruner {

    /** Completed trials needed before pruning (Optuna's MedianPruner: 5 startup trials). */
    static final int DEFAULT_MIN_TRIALS = 5;
    /** Epochs before a trial can be pruned: one, so no trial is judged before it has a value. */
    static final int DEFAULT_WARMUP_EPOCHS = 1;

    MedianPruner {
        if (minTrials < 1 || warmupEpochs < 0) {
            throw new IllegalArgumentException("median pruner needs minTrials >= 1 and warmupEpochs >= 0, got "
                    + minTrials + ", " + warmupEpochs);
        }
    }

    @Override
    public boolean shouldPrune(TrialRecord trial, List<TrialRecord> others, Direction direction) {
        int epoch = trial.epochs();
        if (epoch <= warmupEpochs) {
            return false;
        }
        double[] peers = others.stream()
                .filter(t -> t.number() != trial.number() && t.status() == TrialStatus.COMPLETE)
                .mapToDouble(t -> t.valueAt(epoch)).filter(v -> !Double.isNaN(v))
                .map(direction::toLoss).sorted().toArray();
        if (peers.length < minTrials) {
            return false;
        }
        double median = peers.length % 2 == 1 ? peers[peers.length / 2]
                : (peers[peers.length / 2 - 1] + peers[peers.length / 2]) / 2;
        double best = trial.values().stream().mapToDouble(direction::toLoss).min().orElse(Double.NaN);
        return best > median;
    }
}
