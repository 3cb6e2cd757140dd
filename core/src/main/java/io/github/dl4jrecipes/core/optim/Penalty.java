package io.github.dl4jrecipes.core.optim;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * L1 / L2 / elastic-net weight penalties (added to the loss, applied to weights, not biases).
 *
 * <pre>{@code
 * Penalty.l2().applyTo(builder);                       // α2 = 1e-4
 * Penalty.elasticNet(1e-5, 1e-4).applyTo(builder);
 * }</pre>
 *
 * @param alpha1 α1 ≥ 0, the L1 coefficient (drives weights to exactly zero: sparse models)
 * @param alpha2 α2 ≥ 0, the L2 coefficient (shrinks all weights)
 */
public record Penalty(double alpha1, double alpha2) {

    /** α2 = 1e-4: the weight decay of He et al. (2016) for ResNets and a common default for dense nets. */
    public static final double DEFAULT_L2 = 1e-4;
    /** α1 = 1e-5: small enough not to zero a whole layer; Géron's examples use 1e-5 to 1e-3 (ch. 11). */
    public static final double DEFAULT_L1 = 1e-5;

    /** Validates both coefficients. */
    public Penalty {
        check("alpha1 (L1)", alpha1, DEFAULT_L1);
        check("alpha2 (L2)", alpha2, DEFAULT_L2);
        if (alpha1 == 0 && alpha2 == 0) {
            throw new IllegalArgumentException("alpha1 (L1) and alpha2 (L2) are both 0: this penalty does nothing; use Penalty.l2() ("
                    + DEFAULT_L2 + ") or leave the penalty out");
        }
    }

    private static void check(String name, double value, double typical) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value + "; use e.g. " + typical);
        }
    }

    /** @return L2 with α2 = {@link #DEFAULT_L2} */
    public static Penalty l2() {
        return new Penalty(0, DEFAULT_L2);
    }

    /** @return L2 with α2 = {@code alpha} */
    public static Penalty l2(double alpha) {
        return new Penalty(0, alpha);
    }

    /** @return L1 with α1 = {@link #DEFAULT_L1} */
    public static Penalty l1() {
        return new Penalty(DEFAULT_L1, 0);
    }

    /** @return L1 with α1 = {@code alpha} */
    public static Penalty l1(double alpha) {
        return new Penalty(alpha, 0);
    }

    /** @return L1 + L2 (elastic net) */
    public static Penalty elasticNet(double l1, double l2) {
        return new Penalty(l1, l2);
    }

    /** @return {@code builder} with the penalties set */
    public NeuralNetConfiguration.Builder applyTo(NeuralNetConfiguration.Builder builder) {
        if (alpha1 > 0) {
            builder.l1(alpha1);
        }
        if (alpha2 > 0) {
            builder.l2(alpha2);
        }
        return builder;
    }
}
