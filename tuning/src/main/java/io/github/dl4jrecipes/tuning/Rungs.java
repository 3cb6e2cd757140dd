package io.github.dl4jrecipes.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * The epoch budgets of successive halving: minEpochs·η^k for k = 0 … s_max, where s_max is the
 * largest k with minEpochs·η^k ≤ maxEpochs (a maxEpochs between two powers is rounded down).
 *
 * @param minEpochs epochs of rung 0
 * @param maxEpochs the most epochs asked for
 * @param eta       the reduction factor
 */
public record Rungs(int minEpochs, int maxEpochs, int eta) {

    /** Validates the budget and the reduction factor. */
    public Rungs {
        if (minEpochs < 1) {
            throw new IllegalArgumentException("minEpochs must be >= 1, got " + minEpochs
                    + "; a budget of zero trains nothing");
        }
        if (maxEpochs < minEpochs) {
            throw new IllegalArgumentException("maxEpochs must be >= minEpochs, got maxEpochs=" + maxEpochs
                    + ", minEpochs=" + minEpochs + "; raise maxEpochs");
        }
        if (eta < 2) {
            throw new IllegalArgumentException("eta (reduction factor) must be >= 2, got " + eta
                    + "; 3 is the usual choice (keep the top third of each rung)");
        }
    }

    /**
     * @param minEpochs epochs of rung 0
     * @param maxEpochs the most epochs
     * @param eta       reduction factor
     * @return the rungs
     */
    public static Rungs of(int minEpochs, int maxEpochs, int eta) {
        return new Rungs(minEpochs, maxEpochs, eta);
    }

    /** @return s_max: the index of the top rung */
    public int top() {
        int s = 0;
        for (long r = (long) minEpochs * eta; r <= maxEpochs; r *= eta) {
            s++;
        }
        return s;
    }

    /**
     * @param k a rung, 0 … {@link #top()}
     * @return its epochs, minEpochs·η^k
     */
    public int epochs(int k) {
        return (int) (minEpochs * pow(eta, k));
    }

    /** @return every rung's epochs, lowest first */
    public List<Integer> budgets() {
        List<Integer> budgets = new ArrayList<>();
        for (int k = 0; k <= top(); k++) {
            budgets.add(epochs(k));
        }
        return budgets;
    }

    static long pow(int base, int exponent) {
        long r = 1;
        for (int i = 0; i < exponent; i++) {
            r *= base;
        }
        return r;
    }
}
