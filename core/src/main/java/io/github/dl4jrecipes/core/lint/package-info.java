/**
 * A linter for DL4J configurations: linear hidden layers, init/activation pairing, output
 * activation/loss (and task) mismatches, SELU pitfalls, saturating deep stacks, RNNs without
 * clipping, learning rates out of range and batch norm after a bias; with an auto-fix.
 *
 * <pre>{@code
 * LintReport report = ConfigLinter.lint(conf, Task.multiclass(10));
 * if (!report.isClean()) log.warn("{}", report);
 * MultiLayerConfiguration fixed = ConfigLinter.fix(conf, Task.multiclass(10));
 * }</pre>
 */
package io.github.dl4jrecipes.core.lint;
