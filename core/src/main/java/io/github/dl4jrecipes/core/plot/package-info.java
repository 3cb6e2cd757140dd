/**
 * PNG charts with XChart: line panels (training curves, learning rate) and heat maps
 * (confusion matrices).
 *
 * <pre>{@code
 * Plots.panels(List.of(Panel.of("loss", "epoch", "loss",
 *         List.of(new Curve("train", epochs, trainLoss), new Curve("valid", epochs, validLoss)))),
 *         Path.of("loss.png"));
 * }</pre>
 *
 * <p>Most users call {@code History.plot(path)} or {@code ClassifierReport.writeHeatMap(path)}
 * instead.
 */
package io.github.dl4jrecipes.core.plot;
