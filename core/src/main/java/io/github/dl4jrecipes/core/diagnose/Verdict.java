package io.github.dl4jrecipes.core.diagnose;

/** The bias/variance reading of a training run. */
public enum Verdict {
    /** Training error is close to the baseline and validation error close to training error. */
    GOOD_FIT("good fit"),
    /** Underfitting: training error is well above the baseline (avoidable bias). */
    HIGH_BIAS("high bias (underfitting)"),
    /** Overfitting: validation error is well above training error. */
    HIGH_VARIANCE("high variance (overfitting)"),
    /** Both gaps are large. */
    HIGH_BIAS_AND_VARIANCE("high bias and high variance");

    private final String description;

    Verdict(String description) {
        this.description = description;
    }

    /** A short human-readable description. */
    public String description() {
        return description;
    }
}
