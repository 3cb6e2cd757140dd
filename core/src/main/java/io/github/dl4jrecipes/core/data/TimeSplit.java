package io.github.dl4jrecipes.core.data;

/**
 * Windows split by time ({@link SlidingWindows#splitByTime(double)}): every training window
 * forecasts a step before its sequence's cut, every validation window a step from it on.
 *
 * @param train the windows before the cut
 * @param valid the windows from the cut on
 * @param cuts  per sequence, the first time step that belongs to validation
 */
public record TimeSplit(Windows train, Windows valid, int[] cuts) {
}
