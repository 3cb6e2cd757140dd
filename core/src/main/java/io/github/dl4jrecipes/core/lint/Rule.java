package io.github.dl4jrecipes.core.lint;

/** The rules {@link ConfigLinter} checks, with whether {@link ConfigLinter#fix} can repair them. */
public enum Rule {
    /** A weight layer with identity activation inside the network collapses into its neighbour (a product of linear maps is linear). */
    LINEAR_HIDDEN_LAYER(true),
    /** Weight init not paired with the activation (Glorot for tanh/sigmoid/softmax/identity, He for ReLU family, LeCun for SELU). */
    INIT_NOT_PAIRED(true),
    /** Output activation and loss do not belong together, do not match the task, or are an invalid DL4J pair. */
    OUTPUT_LOSS_MISMATCH(true),
    /** SELU without LeCun-normal init: the self-normalising fixed point needs weights of variance 1/fan-in. */
    SELU_WITHOUT_LECUN(true),
    /** Ordinary dropout in a SELU network destroys self-normalisation; AlphaDropout keeps it. */
    SELU_WITH_DROPOUT(true),
    /** Batch normalisation in a SELU network: redundant, and it moves activations off SELU's fixed point. */
    SELU_WITH_BATCH_NORM(false),
    /** SELU's self-normalisation is proven for sequential stacks only; merges and skips break it. */
    SELU_IN_NON_SEQUENTIAL_GRAPH(false),
    /** A deep stack of sigmoid/tanh layers without batch normalisation: vanishing gradients. */
    SATURATING_DEEP_STACK(true),
    /** Recurrent layers without gradient clipping: exploding gradients (Pascanu et al., 2013). */
    RNN_WITHOUT_CLIPPING(true),
    /**
     * Batch normalisation between recurrent layers: its statistics mix time steps (and padded
     * steps) and do not follow the recurrence; clip gradients instead (Pascanu et al., 2013;
     * Laurent et al., 2016, found batch norm between recurrent layers did not help).
     */
    BATCH_NORM_IN_RECURRENT_STACK(false),
    /** A learning rate outside the sane range for its updater. */
    LEARNING_RATE_OUT_OF_RANGE(true),
    /** Batch norm after a layer with a bias: the bias is cancelled by BN's mean subtraction (wasted parameters). */
    BATCH_NORM_AFTER_BIAS(true);

    private final boolean autoFixable;

    Rule(boolean autoFixable) {
        this.autoFixable = autoFixable;
    }

    /** @return whether {@link ConfigLinter#fix} repairs findings of this rule */
    public boolean autoFixable() {
        return autoFixable;
    }
}
