package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.Shuffle;

import java.util.Map;

/**
 * A {@code DataSetIterator} whose batches, from its next {@code reset()} on, follow from a small
 * state that a checkpoint can keep: for the library's iterators, how many times it was reset
 * (the epoch its shuffle and augmentation draws are seeded with). {@code Fit} stores the state of
 * its train and validation iterators in each checkpoint and restores it on resume, so a run
 * killed mid-epoch and started again sees the same batches in the same order as an uninterrupted
 * one, and ends with bit-identical weights.
 *
 * <p>Every iterator the library hands out implements it: {@link InMemoryIterator},
 * {@link ImageFolderData#iterator(int, long)} and the recipes' augmentation iterator. An
 * iterator of your own resumes exactly when it either gives the same batches in every epoch
 * whatever happened before, or implements this interface: derive each epoch's randomness from a
 * seed and the reset count (for example with {@link #epochSeed(long, int)}), never from a
 * generator that runs on across epochs, report the count in {@link #state()} and set it back in
 * {@link #restore(Map)}.
 *
 * <pre>{@code
 * Map<String, Long> saved = train.state();       // after epoch 3: {epoch=..., examples=150}
 * InMemoryIterator again = InMemoryIterator.shuffled(data, 64, 42);
 * again.restore(saved);                          // its next reset() starts the same epoch 4
 * }</pre>
 */
public interface ResumableIterator {

    /**
     * The state that decides the batches from the next {@code reset()} on, as named whole
     * numbers (stored as JSON in checkpoints).
     */
    Map<String, Long> state();

    /**
     * Puts the iterator back into a state that {@link #state()} of an iterator over the same
     * data reported; the batches from the next {@code reset()} on are then the ones that
     * iterator gave.
     *
     * @throws IllegalArgumentException when the state is not one this iterator can take (other
     *                                  names, another number of examples, a negative count)
     */
    void restore(Map<String, Long> state);

    /**
     * The seed of epoch {@code epoch} of a run seeded with {@code seed}: spreads consecutive
     * epochs over the seed space, so that each epoch's draws depend on the seed and the epoch only.
     */
    static long epochSeed(long seed, int epoch) {
        return Shuffle.epochSeed(seed, epoch);
    }
}
