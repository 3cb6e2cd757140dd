package io.github.dl4jrecipes.core.data.internal;

import java.util.SplittableRandom;

/** Seeded Fisher–Yates shuffles, the one source of randomness of the data package. */
public final class Shuffle {

    /**
     * Weyl increment that spreads consecutive epoch numbers over the seed space (the 64-bit golden
     * ratio, as in {@link SplittableRandom}).
     */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Shuffle() {
    }

    /** The seed of epoch {@code epoch} of a run seeded with {@code seed}. */
    public static long epochSeed(long seed, int epoch) {
        return seed + GOLDEN_GAMMA * epoch;
    }

    /** Shuffles {@code values} in place with a generator seeded by {@code seed}; returns it. */
    public static int[] permute(int[] values, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }
}
