/**
 * Non-API helpers of {@code io.github.dl4jrecipes.core.data}: row gathering, seeded shuffles,
 * split plans, IDX parsing. May change without notice.
 *
 * <pre>{@code
 * int[][] parts = SplitPlan.split(n, classes, 0.8, 0.2, 42);   // {train, valid, test} indices
 * }</pre>
 */
package io.github.dl4jrecipes.core.data.internal;
