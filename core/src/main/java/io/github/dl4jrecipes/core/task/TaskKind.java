package io.github.dl4jrecipes.core.task;

/** What a model predicts; each kind fixes the output activation, the loss family and the metric. */
public enum TaskKind {
    /** One yes/no output: sigmoid + binary cross-entropy. */
    BINARY,
    /** Exactly one of n classes: softmax + multi-class cross-entropy. */
    MULTICLASS,
    /** Any subset of n labels: one sigmoid per label + binary cross-entropy. */
    MULTILABEL,
    /** n real-valued targets: identity + squared error (L1 or Huber as options). */
    REGRESSION,
    /** n strictly positive targets: softplus (or ReLU) + squared error (L1 or Huber as options). */
    POSITIVE_REGRESSION;

    /** @return true for the three classification kinds */
    public boolean isClassification() {
        return this == BINARY || this == MULTICLASS || this == MULTILABEL;
    }
}
