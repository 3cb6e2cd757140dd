package io.github.dl4jrecipes.core.eval;

/**
 * A pair of classes the model mixes up.
 *
 * @param actual    the true class
 * @param predicted the class predicted instead
 * @param count     how many examples of {@code actual} were predicted as {@code predicted}
 */
public record ConfusedPair(String actual, String predicted, int count) { }
