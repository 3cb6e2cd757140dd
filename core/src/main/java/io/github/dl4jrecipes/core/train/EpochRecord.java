package io.github.dl4jrecipes.core.train;

/**
 * What happened in one epoch. Values that were not measured (no validation set) are NaN.
 *
 * @param epoch            the epoch number, counted from 1
 * @param trainLoss        mean of the minibatch losses seen while training this epoch
 * @param trainMetric      the task's metric on the training set, measured after the epoch
 * @param validLoss        mean loss on the validation set after the epoch (NaN without one)
 * @param validMetric      the task's metric on the validation set (NaN without one)
 * @param learningRate     the learning rate of the first layer with one, at the end of the epoch
 * @param wallSeconds      wall time of the epoch's training pass, in seconds
 * @param samplesPerSecond training examples per second during that pass
 */
public record EpochRecord(int epoch, double trainLoss, double trainMetric, double validLoss,
                          double validMetric, double learningRate, double wallSeconds,
                          double samplesPerSecond) {

    /** Validates the counters. */
    public EpochRecord {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1 (epochs are counted from 1), got "
                    + epoch + ".");
        }
        if (!(wallSeconds >= 0) || !(samplesPerSecond >= 0)) {
            throw new IllegalArgumentException("wallSeconds and samplesPerSecond must be >= 0, got "
                    + wallSeconds + " and " + samplesPerSecond + ".");
        }
    }
}
