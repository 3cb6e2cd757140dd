package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.augment.BatchAugmenter;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Images per second of an augmentation pipeline alone ({@link BatchAugmenter} on one thread, as
 * the recipe's background thread runs it): passes over in-memory batches, the median pass counts.
 */
final class AugmentThroughput {
    private AugmentThroughput() {
    }

    /** The median over {@code passes} timed passes, after one warm-up pass. */
    static Throughput.Result measure(Augment policy, ImageShape shape, DataSet images, int batchSize, int passes,
                                     long seed) {
        BatchAugmenter augmenter = policy.preProcessor(shape, seed);
        InMemoryIterator batches = InMemoryIterator.sequential(images, batchSize);
        double[] rates = new double[passes];
        for (int pass = 0; pass <= passes; pass++) {
            batches.reset();
            long start = System.nanoTime();
            while (batches.hasNext()) {
                augmenter.augment(batches.next());
            }
            if (pass > 0) {
                rates[pass - 1] = images.numExamples() / ((System.nanoTime() - start) / 1e9);
            }
        }
        return new Throughput.Result(Throughput.median(rates), rates);
    }
}
