/**
 * Weight initialisation paired with the activation function.
 *
 * <pre>{@code
 * Activation act = Activation.RELU;
 * new DenseLayer.Builder().nOut(64).activation(act)
 *         .weightInit(WeightInits.forActivation(act))   // He normal for ReLU
 *         .build();
 * }</pre>
 */
package io.github.dl4jrecipes.core.init;
