/**
 * The sequence recipe: LSTM classification and forecasting with gradient clipping, masking,
 * Adam + 1cycle and the LR finder.
 *
 * <pre>{@code
 * TimeSplit split = TimeSeries.fromCsv(path).timeColumn("month").build().windows(24, 1).splitByTime(0.8);
 * TrainedModel<MultiLayerNetwork> model = SequenceRecipe.regressor(1).fit(split.train().data(), split.valid().data());
 * }</pre>
 */
package io.github.dl4jrecipes.recipes.sequence;
