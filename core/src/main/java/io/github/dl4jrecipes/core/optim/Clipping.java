package io.github.dl4jrecipes.core.optim;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

import java.util.Objects;

/**
 * Gradient clipping presets (DL4J {@link GradientNormalization}), the standard cure for
 * exploding gradients in recurrent networks (Pascanu et al., 2013).
 *
 * <pre>{@code
 * Clipping.byNorm().applyTo(builder);       // per-layer L2 norm capped at 1.0
 * Clipping.byValue(0.5).applyTo(builder);   // each element in [-0.5, 0.5]
 * }</pre>
 *
 * @param mode      how to clip: an element-wise or norm-based {@link GradientNormalization}
 * @param threshold the clipping threshold, &gt; 0
 */
public record Clipping(GradientNormalization mode, double threshold) {

    /** Norm threshold 1.0 (Pascanu et al., 2013, found 1-10 to work; Géron and Keras examples use 1.0). */
    public static final double DEFAULT_NORM = 1.0;
    /** Element threshold 1.0 (Géron, "Hands-On Machine Learning", ch. 11: {@code clipvalue=1.0}). */
    public static final double DEFAULT_VALUE = 1.0;

    /** Validates the mode and threshold. */
    public Clipping {
        Objects.requireNonNull(mode, "mode");
        if (mode == GradientNormalization.None || mode == GradientNormalization.RenormalizeL2PerLayer
                || mode == GradientNormalization.RenormalizeL2PerParamType) {
            throw new IllegalArgumentException("mode " + mode + " does not clip; use ClipElementWiseAbsoluteValue, "
                    + "ClipL2PerLayer or ClipL2PerParamType (Clipping.byValue / Clipping.byNorm)");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number > 0, got " + threshold
                    + "; use " + DEFAULT_NORM);
        }
    }

    /** @return per-layer L2-norm clipping at {@link #DEFAULT_NORM} */
    public static Clipping byNorm() {
        return byNorm(DEFAULT_NORM);
    }

    /** @return per-layer L2-norm clipping at {@code maxNorm} */
    public static Clipping byNorm(double maxNorm) {
        return new Clipping(GradientNormalization.ClipL2PerLayer, maxNorm);
    }

    /** @return element-wise clipping at {@link #DEFAULT_VALUE} */
    public static Clipping byValue() {
        return byValue(DEFAULT_VALUE);
    }

    /** @return element-wise clipping to {@code [-maxValue, maxValue]} */
    public static Clipping byValue(double maxValue) {
        return new Clipping(GradientNormalization.ClipElementWiseAbsoluteValue, maxValue);
    }

    /** @return {@code builder} with the clipping set for every layer */
    public NeuralNetConfiguration.Builder applyTo(NeuralNetConfiguration.Builder builder) {
        return builder.gradientNormalization(mode).gradientNormalizationThreshold(threshold);
    }
}
