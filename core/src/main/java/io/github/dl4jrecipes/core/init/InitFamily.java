package io.github.dl4jrecipes.core.init;

/** The three families of variance-preserving weight initialisation. */
public enum InitFamily {
    /** Glorot &amp; Bengio (2010): variance 2/(fan-in + fan-out); for symmetric, near-linear activations. */
    GLOROT,
    /** He et al. (2015): variance 2/fan-in; for rectifiers, which zero half their input. */
    HE,
    /** LeCun et al. (1998): variance 1/fan-in; the init SELU's self-normalisation assumes. */
    LECUN
}
