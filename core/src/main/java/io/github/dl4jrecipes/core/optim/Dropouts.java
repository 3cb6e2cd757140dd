package io.github.dl4jrecipes.core.optim;

import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.nd4j.linalg.activations.Activation;

import java.util.Objects;

/**
 * Dropout presets, stated as the <em>drop</em> rate. Beware: DL4J's own {@code Dropout(p)} and
 * {@code dropOut(p)} take the <em>retain</em> probability; these factories convert.
 * SELU networks get AlphaDropout, which keeps the self-normalising mean and variance
 * (Klambauer et al., 2017); ordinary dropout would break it.
 *
 * <pre>{@code
 * layer.dropOut(Dropouts.forActivation(Activation.RELU, Dropouts.DEFAULT_HIDDEN_RATE));  // Dropout, keep 0.5
 * layer.dropOut(Dropouts.forActivation(Activation.SELU, Dropouts.DEFAULT_ALPHA_RATE));   // AlphaDropout
 * }</pre>
 */
public final class Dropouts {

    /** Drop rate 0.5 for hidden dense layers (Srivastava et al., 2014). */
    public static final double DEFAULT_HIDDEN_RATE = 0.5;
    /** Drop rate 0.2 for inputs (Srivastava et al., 2014: keep 0.8 of the inputs). */
    public static final double DEFAULT_INPUT_RATE = 0.2;
    /** Drop rate 0.05 for AlphaDropout (Klambauer et al., 2017: 0.05 or 0.1 work well). */
    public static final double DEFAULT_ALPHA_RATE = 0.05;

    private Dropouts() {
    }

    /**
     * @param rate the fraction of units to drop, in (0, 1)
     * @return DL4J dropout that keeps {@code 1 − rate}
     */
    public static IDropout dropout(double rate) {
        return new Dropout(1 - checkRate(rate));
    }

    /**
     * @param rate the fraction of units to drop, in (0, 1)
     * @return AlphaDropout (for SELU) that keeps {@code 1 − rate}
     */
    public static IDropout alphaDropout(double rate) {
        return new AlphaDropout(1 - checkRate(rate));
    }

    /**
     * @param activation the layer's activation
     * @param rate       the fraction to drop, in (0, 1)
     * @return AlphaDropout for SELU, ordinary dropout otherwise
     */
    public static IDropout forActivation(Activation activation, double rate) {
        Objects.requireNonNull(activation, "activation");
        return activation == Activation.SELU ? alphaDropout(rate) : dropout(rate);
    }

    private static double checkRate(double rate) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate (fraction of units DROPPED) must be in (0, 1), got " + rate
                    + "; use " + DEFAULT_HIDDEN_RATE + " for hidden layers, " + DEFAULT_INPUT_RATE
                    + " for inputs, or omit dropout");
        }
        return rate;
    }
}
