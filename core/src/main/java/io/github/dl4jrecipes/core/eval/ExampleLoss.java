package io.github.dl4jrecipes.core.eval;

/**
 * One example's loss, to find mislabelled or hard examples.
 *
 * @param index     the example's position in the iterator (counted from 0 across batches)
 * @param loss      its loss (without the regularization term)
 * @param actual    its true class
 * @param predicted the class the model predicted
 */
public record ExampleLoss(long index, double loss, String actual, String predicted) { }
