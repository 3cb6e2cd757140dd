package io.github.dl4jrecipes.tuning;

/**
 * A trial as a sampler sees it: where it was in the unit cube and how it did, oriented so that
 * lower is better whatever the study's {@link Direction}.
 *
 * @param trial    the trial number
 * @param point    its coordinates in [0, 1]^d
 * @param loss     its objective, negated for maximisation; NaN while it runs, and when it failed
 * @param complete whether it finished; pruned trials are observations that are not complete
 */
public record Observation(int trial, double[] point, double loss, boolean complete) {
}
