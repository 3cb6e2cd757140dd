package io.github.dl4jrecipes.tuning.internal;

import java.util.Random;

/** Drawing from a discrete distribution: what the univariate and the multivariate TPE share. */
public final class Categorical {
    private Categorical() {
    }

    /** An index drawn with probabilities {@code p} (summing to 1; rounding leftovers go to the last). */
    public static int draw(double[] p, Random rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        return p.length - 1;
    }
}
