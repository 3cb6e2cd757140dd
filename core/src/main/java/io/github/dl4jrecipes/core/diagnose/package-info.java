/**
 * Bias/variance diagnosis of a training run, with the gaps in numbers and what to try next.
 *
 * <pre>{@code
 * Diagnosis d = Diagnosis.of(model.history(), 0.02);   // baseline: 2% human error
 * if (d.verdict() == Verdict.HIGH_VARIANCE) { ... d.remedies() ... }
 * }</pre>
 */
package io.github.dl4jrecipes.core.diagnose;
