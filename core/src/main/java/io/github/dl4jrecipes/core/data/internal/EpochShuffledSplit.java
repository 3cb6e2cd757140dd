package io.github.dl4jrecipes.core.data.internal;

import java.net.URI;
import java.util.List;
import org.datavec.api.split.CollectionInputSplit;

/**
 * A DataVec {@link CollectionInputSplit} that visits its files in a new seeded order after every
 * {@link #reset()} (i.e. every epoch of the record reader reading it), or in the given order when
 * not shuffled. The reset count is its state: {@link #restoreEpoch(int)} sets it back on resume.
 */
public final class EpochShuffledSplit extends CollectionInputSplit {

    private final boolean shuffle;
    private final long seed;
    private int epoch;

    /** A split over {@code files}; with {@code shuffle}, epoch {@code k}'s order depends on seed and k only. */
    public EpochShuffledSplit(List<URI> files, boolean shuffle, long seed) {
        super(files);
        this.shuffle = shuffle;
        this.seed = seed;
        order();
    }

    /** How many files it visits per epoch. */
    public int fileCount() {
        return uriStrings.size();
    }

    /** How many times it was reset. */
    public int epoch() {
        return epoch;
    }

    /** Sets the reset count back to {@code resets}; the next {@link #reset()} gives the order that followed. */
    public void restoreEpoch(int resets) {
        epoch = resets;
        order();
    }

    @Override
    public void reset() {
        super.reset();
        epoch++;
        order();
    }

    private void order() {
        if (shuffle) {
            iterationOrder = Shuffle.permute(Rows.range(uriStrings.size()), Shuffle.epochSeed(seed, epoch));
        }
    }
}
