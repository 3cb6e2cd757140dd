/**
 * Not API: the study directory ({@code StudyStore}), the runner that claims and trains trials
 * ({@code StudyRunner}), the unit-cube view of Arbiter spaces ({@code UnitSpace}), the Parzen
 * estimator behind TPE, per-trial seeds and the HTML report. Use
 * {@link io.github.dl4jrecipes.tuning.Tuner} instead.
 *
 * <pre>{@code
 * // what Tuner.run does, in short
 * UnitSpace<C> unit = UnitSpace.of(space);
 * StudyStore store = StudyStore.open(dir, unit.fingerprint(), space.toString(), Direction.MAXIMIZE,
 *         StudyStore.describe(sampler), null);
 * List<TrialRecord> trials = new StudyRunner<>(unit, store, settings, objective).run();
 * }</pre>
 */
package io.github.dl4jrecipes.tuning.internal;
