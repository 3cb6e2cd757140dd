package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Wall time and epochs until test accuracy first reaches a target, training epoch by epoch on an
 * in-memory set (shuffled each epoch, no augmentation); evaluation time is excluded from the clock,
 * as in the PyTorch peer.
 */
final class TimeToAccuracy {
    private final DataSet train;
    private final DataSet test;
    private final int batchSize;
    private final double target;
    private final int maxEpochs;
    private final long seed;

    TimeToAccuracy(DataSet train, DataSet test, int batchSize, double target, int maxEpochs, long seed) {
        this.train = train;
        this.test = test;
        this.batchSize = batchSize;
        this.target = target;
        this.maxEpochs = maxEpochs;
        this.seed = seed;
    }

    /** One epoch: its test accuracy and the training seconds spent up to its end. */
    record Epoch(int epoch, double accuracy, double seconds) {
    }

    /** The epochs run, and the first that reached the target if any did. */
    record Result(List<Epoch> epochs, Optional<Epoch> reached) {
        @Override
        public String toString() {
            Epoch last = epochs.get(epochs.size() - 1);
            String where = reached.map(e -> String.format(Locale.ROOT, "reached at epoch %d, %.0f s", e.epoch(),
                            e.seconds()))
                    .orElse(String.format(Locale.ROOT, "not reached in %d epochs, %.0f s", last.epoch(), last.seconds()));
            return where + " (test accuracy per epoch " + epochs.stream()
                    .map(e -> String.format(Locale.ROOT, "%.4f", e.accuracy())).toList() + ")";
        }
    }

    /** Trains {@code net} until the target or {@code maxEpochs}; stops at the target. */
    Result run(NeuralNetwork net) {
        InMemoryIterator batches = InMemoryIterator.shuffled(train, batchSize, seed);
        InMemoryIterator testBatches = InMemoryIterator.sequential(test, 1000);
        List<Epoch> epochs = new ArrayList<>();
        double seconds = 0;
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            long start = System.nanoTime();
            batches.reset();
            net.fit(batches);
            seconds += (System.nanoTime() - start) / 1e9;
            testBatches.reset();
            Evaluation evaluation = new Evaluation();
            net.doEvaluation(testBatches, evaluation);
            double accuracy = evaluation.accuracy();
            Epoch e = new Epoch(epoch, accuracy, seconds);
            epochs.add(e);
            System.out.printf(Locale.ROOT, "  epoch %d: test accuracy %.4f, %.0f s%n", epoch, accuracy, seconds);
            if (accuracy >= target) {
                return new Result(epochs, Optional.of(e));
            }
        }
        return new Result(epochs, Optional.empty());
    }
}
