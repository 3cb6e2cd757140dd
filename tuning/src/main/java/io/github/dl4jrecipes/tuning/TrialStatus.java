package io.github.dl4jrecipes.tuning;

/** Where a trial stands in a study. */
public enum TrialStatus {
    /** Queued: retrying after a failure, or waiting for a worker. */
    WAITING,
    /** A worker is training it (or a killed process was; a resumed study takes it over). */
    RUNNING,
    /** Trained to its target epochs; a successive-halving scheduler may still promote it. */
    COMPLETE,
    /** Stopped early by a pruner. */
    PRUNED,
    /** Threw on every attempt; its stack trace is in the record. */
    FAILED
}
