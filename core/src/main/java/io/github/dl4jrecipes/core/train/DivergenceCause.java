package io.github.dl4jrecipes.core.train;

/** Why training usually produces a NaN or infinite loss, with the fix. */
public enum DivergenceCause {
    /** Steps overshoot and the loss grows until it overflows. */
    LEARNING_RATE_TOO_HIGH("learning rate too high",
            "lower it 3-10x or pick it with the learning-rate range test"),
    /** Features of large magnitude make activations and gradients overflow. */
    MISSING_NORMALIZATION("inputs not normalized",
            "standardize the features (NormalizerStandardize) or scale pixels to [0, 1]"),
    /** One huge gradient throws the weights far away. */
    MISSING_GRADIENT_CLIPPING("exploding gradients without clipping",
            "add .gradientNormalization(GradientNormalization.ClipL2PerLayer) with a threshold such as 1.0");

    private final String description;
    private final String fix;

    DivergenceCause(String description, String fix) {
        this.description = description;
        this.fix = fix;
    }

    /** What goes wrong. */
    public String description() {
        return description;
    }

    /** What to change. */
    public String fix() {
        return fix;
    }
}
