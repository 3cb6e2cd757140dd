/**
 * Optimizer presets with default learning rates, decoupled weight decay, regularization and
 * stability presets (L1/L2, dropout and AlphaDropout, conv → BN → activation blocks, gradient
 * clipping) and batch-size rules.
 *
 * <pre>{@code
 * NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(42);
 * Optimizer.adamW().applyTo(b);              // Adam 1e-3 + decoupled weight decay 0.01
 * Penalty.l2().applyTo(b);                   // or an L2 penalty instead
 * Clipping.byNorm().applyTo(b);              // RNNs
 * ListBuilder list = b.list();
 * BatchNormBlocks.conv(32, 3, Activation.RELU).forEach(list::layer);
 * int batch = BatchSize.forExamples(trainSize);
 * }</pre>
 */
package io.github.dl4jrecipes.core.optim;
