package io.github.dl4jrecipes.tuning;

/** Where a trial's candidate came from. */
public enum TrialSource {
    /** Proposed by the study's {@link Sampler} (the source of trials recorded before sources were kept). */
    SAMPLER,
    /** The candidate the space was derived from, as given (a preset space's recipe): evaluated first. */
    AS_GIVEN,
    /** A candidate the user queued with {@link Tuner#enqueue}. */
    QUEUED
}
