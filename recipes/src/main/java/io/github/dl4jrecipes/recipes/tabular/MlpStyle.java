package io.github.dl4jrecipes.recipes.tabular;

/** The hidden layers of a tabular recipe's MLP. */
public enum MlpStyle {
    /**
     * Dense (no bias) → batch norm → ReLU, He initialisation, dropout on each hidden layer's input
     * after the first (fastai's {@code LinBnDrop} blocks of {@code tabular_learner}).
     */
    RELU_BATCH_NORM,
    /**
     * Self-normalizing network (Klambauer et al., 2017): dense SELU layers, LeCun normal
     * initialisation, AlphaDropout, no batch norm; needs standardized inputs, which the tabular
     * transform provides.
     */
    SELF_NORMALIZING
}
