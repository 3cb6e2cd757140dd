package io.github.dl4jrecipes.tuning;

import java.nio.file.Path;

/**
 * One trial's model while it trains: trains an epoch at a time, and saves and restores its state
 * so a promoted or interrupted trial continues where it stopped instead of starting over.
 */
public interface TrialSession extends AutoCloseable {

    /**
     * Trains one more epoch and measures the objective.
     *
     * @param epoch the 0-based number of the epoch to train
     * @return what it measured
     * @throws Exception anything training throws; the study records it and goes on
     */
    EpochResult trainEpoch(int epoch) throws Exception;

    /**
     * @param file where to write the model's state (a fresh file the study renames into place)
     * @throws Exception on I/O errors
     */
    void save(Path file) throws Exception;

    /**
     * @param file a file {@link #save} wrote
     * @throws Exception on I/O errors
     */
    void restore(Path file) throws Exception;

    /** Releases what the session holds; by default nothing. */
    @Override
    default void close() {
    }
}
