/**
 * Learning-rate and momentum schedules as ND4J {@code ISchedule}s that live inside DL4J
 * configurations (JSON and {@code ModelSerializer} safe): piecewise constant, step, exponential,
 * power, cosine with warm-up, cyclic triangular and 1cycle with momentum cycling, plus
 * {@link io.github.dl4jrecipes.core.schedule.ScheduledAdam} (Adam with a scheduled β1), a
 * reduce-on-plateau listener, and the hypergradient updaters
 * {@link io.github.dl4jrecipes.core.schedule.HypergradientSgd} and
 * {@link io.github.dl4jrecipes.core.schedule.HypergradientAdam}, whose learning rate adapts itself.
 *
 * <pre>{@code
 * OneCycle lr = OneCycle.maxLr(3e-3).withEpochs(20, batchesPerEpoch);
 * MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
 *         .updater(lr.adam())              // LR 1cycle, β1 0.95 → 0.85 → 0.95
 *         .list() ... .build();
 * ISchedule resnet = PiecewiseConstant.of(ScheduleType.EPOCH, new int[]{30, 60}, new double[]{0.1, 0.01, 0.001});
 * }</pre>
 */
package io.github.dl4jrecipes.core.schedule;
