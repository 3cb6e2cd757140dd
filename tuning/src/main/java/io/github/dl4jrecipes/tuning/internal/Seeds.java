package io.github.dl4jrecipes.tuning.internal;

import java.util.Random;

/**
 * Independent random sources per trial from one study seed. Neighbouring seeds give
 * {@link Random} nearly the same first draws, so the seed and the trial number are mixed first
 * (the 64-bit finaliser of MurmurHash3).
 */
public final class Seeds {

    /** The golden-ratio increment of SplittableRandom, spreading consecutive trial numbers. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long MIX_1 = 0xff51afd7ed558ccdL;
    private static final long MIX_2 = 0xc4ceb9fe1a85ec53L;
    private static final int SHIFT = 33;

    private Seeds() {
    }

    /**
     * @param seed  the study's seed
     * @param trial a trial number
     * @return a random source for that trial, the same in every process
     */
    public static Random forTrial(long seed, int trial) {
        long z = seed * GOLDEN_GAMMA + trial;
        z = (z ^ (z >>> SHIFT)) * MIX_1;
        z = (z ^ (z >>> SHIFT)) * MIX_2;
        return new Random(z ^ (z >>> SHIFT));
    }
}
