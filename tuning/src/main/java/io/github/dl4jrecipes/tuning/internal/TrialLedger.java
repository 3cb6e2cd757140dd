package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.TrialRecord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A study's trials as one transaction sees them: what a worker reads and writes while it holds
 * the study's lock (a file lock for a study directory, a row lock for a study in a database).
 */
public interface TrialLedger {

    /** Every readable trial record, in number order. */
    List<TrialRecord> trials();

    /** The number a new trial gets: one more than any trial the study holds. */
    int nextNumber();

    /** Writes (creates or replaces) a trial record as part of this transaction. */
    void write(TrialRecord record);

    /**
     * How long ago the worker training {@code number} last said it is alive, where the storage
     * keeps heartbeats (a database); empty where it does not (a directory: liveness is judged by
     * the owner's process id there).
     */
    default Optional<Duration> heartbeatAge(int number) {
        return Optional.empty();
    }
}
