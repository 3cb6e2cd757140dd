/**
 * The sequence sample: forecasting a real monthly series (R's co2, bundled) with the sequence
 * recipe, against the seasonal naive baseline.
 *
 * <pre>{@code
 * Forecaster.Result r = Forecaster.train(Forecaster.bundledCo2(), Forecaster.CO2_SPEC,
 *         Forecaster.DEFAULT_TRAIN_FRACTION, recipe -> recipe, Path.of("out/co2"), out);
 * }</pre>
 */
package io.github.dl4jrecipes.examples.sequence;
