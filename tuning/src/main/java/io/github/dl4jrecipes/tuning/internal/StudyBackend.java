package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.TrialRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a study lives, as the runner sees it: a study directory ({@link StudyStore}, one machine)
 * or a database ({@link JdbcStudyStore}, many machines). Transactions serialise every change of the
 * study; checkpoints are reachable by every worker of the study.
 */
public interface StudyBackend extends AutoCloseable {

    /** Where the study lives, for messages (never a password). */
    String describe();

    /** Runs {@code work} with the study locked against every other worker. */
    <T> T transact(Function<TrialLedger, T> work);

    /** Every trial, in number order. */
    default List<TrialRecord> trials() {
        return transact(TrialLedger::trials);
    }

    /** Stores the checkpoint {@code name} that {@code writer} writes to a file (replacing any). */
    void saveCheckpoint(String name, CheckpointWriter writer) throws IOException;

    /** A local file holding the checkpoint {@code name}, if the study has it. */
    Optional<Path> checkpoint(String name) throws IOException;

    /** Deletes a checkpoint no trial points at any more. */
    void deleteCheckpoint(String name) throws IOException;

    /** A local folder for the objective's own files of trial {@code number}. */
    Path trialFolder(int number) throws IOException;

    /** The local folder the leaderboard and the report are written to. */
    Path reportDir();

    /** Says that {@code owner} still trains {@code numbers}; a no-op where liveness is judged otherwise. */
    void heartbeat(String owner, Collection<Integer> numbers);

    /**
     * Whether {@code trial}, marked running by another worker, was left behind: that worker's process
     * has ended (one machine), or its heartbeat is older than the grace period (a database).
     */
    boolean abandoned(TrialRecord trial, TrialLedger ledger);

    @Override
    void close();

    /** The name of the checkpoint of trial {@code number} after {@code epochs} epochs. */
    static String checkpointName(int number, int epochs) {
        return String.format("checkpoints/%05d-e%04d.bin", number, epochs);
    }

    /** Writes a checkpoint into the file it is given. */
    @FunctionalInterface
    interface CheckpointWriter {
        void write(Path file) throws IOException;
    }
}
