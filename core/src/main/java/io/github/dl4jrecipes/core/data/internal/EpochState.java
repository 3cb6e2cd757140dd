package io.github.dl4jrecipes.core.data.internal;

import java.util.Map;
import java.util.Set;

/**
 * The {@code ResumableIterator} state of the core iterators: the reset count ({@value #EPOCH})
 * and, to check the state against the data it is restored onto, the examples per epoch
 * ({@value #EXAMPLES}).
 */
public final class EpochState {

    /** How many times the iterator was reset. */
    public static final String EPOCH = "epoch";
    /** How many examples one epoch yields. */
    public static final String EXAMPLES = "examples";

    private EpochState() {
    }

    /** The state of an iterator reset {@code epoch} times over {@code examples} examples. */
    public static Map<String, Long> of(int epoch, long examples) {
        return Map.of(EPOCH, (long) epoch, EXAMPLES, examples);
    }

    /**
     * The reset count of {@code state}, checked against this iterator.
     *
     * @param state    what {@code state()} reported
     * @param examples the examples per epoch of the iterator it is restored onto
     * @param iterator the iterator's name, for the message
     * @throws IllegalArgumentException when the names, the example count or the count do not fit
     */
    public static int epoch(Map<String, Long> state, long examples, String iterator) {
        if (state == null || !state.keySet().equals(Set.of(EPOCH, EXAMPLES))) {
            throw new IllegalArgumentException("state: " + iterator + " takes {" + EPOCH + ", " + EXAMPLES
                    + "}, got " + state + "; fix: restore what state() of the same kind of iterator reported");
        }
        if (state.get(EXAMPLES) != examples) {
            throw new IllegalArgumentException("state: saved for an epoch of " + state.get(EXAMPLES)
                    + " examples but this " + iterator + " yields " + examples + "; fix: resume with the "
                    + "same data, or start again with an empty checkpoint directory");
        }
        long epoch = state.get(EPOCH);
        if (epoch < 0 || epoch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("state: " + EPOCH + " must be between 0 and "
                    + Integer.MAX_VALUE + ", got " + epoch + "; fix: restore what state() reported");
        }
        return (int) epoch;
    }
}
