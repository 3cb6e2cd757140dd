package io.github.dl4jrecipes.core.lr;

/**
 * One step of the LR range test.
 *
 * @param iteration    step index, from 0
 * @param learningRate the LR used for the step
 * @param loss         the raw mini-batch loss after the step
 * @param smoothedLoss the bias-corrected exponential moving average of the loss
 */
public record LrPoint(int iteration, double learningRate, double loss, double smoothedLoss) {
}
