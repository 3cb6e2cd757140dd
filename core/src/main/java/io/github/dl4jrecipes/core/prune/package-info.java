/**
 * Magnitude pruning of trained networks to a target sparsity, globally or per layer, with
 * optional fine-tuning and the metric before and after.
 *
 * <pre>{@code
 * PruningResult r = Pruning.toSparsity(0.5).withScope(Pruning.Scope.PER_LAYER).apply(net, task, valid);
 * }</pre>
 */
package io.github.dl4jrecipes.core.prune;
