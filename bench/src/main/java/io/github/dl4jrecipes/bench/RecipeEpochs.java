package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * Epoch times of an image recipe on in-memory images, two ways: through the recipe's own training
 * loop ({@code recipe.fit}: history, divergence watch, progress, augmentation as configured), read
 * from the history's training-pass seconds (the per-epoch train-metric pass is not part of them),
 * and through a hand loop {@code network.fit(iterator)} on the network the recipe builds
 * ({@code recipe.build(batchesPerEpoch)}) and the same shuffled batches. The first epoch of each
 * warms up and is not counted.
 */
final class RecipeEpochs {
    /** A fixed peak LR: the LR finder stays out of the timing. */
    static final double MAX_LR = 1e-3;

    private final DataSet train;
    private final int repetitions;

    RecipeEpochs(DataSet train, int repetitions) {
        this.train = train;
        this.repetitions = repetitions;
    }

    int images() {
        return train.numExamples();
    }

    /** Seconds of each timed epoch of {@code recipe.fit(train, null)}. */
    double[] recipeFit(ImageRecipe recipe) {
        List<EpochRecord> epochs = timed(recipe).fit(train, null).history().epochs();
        return epochs.subList(1, epochs.size()).stream().mapToDouble(EpochRecord::wallSeconds).toArray();
    }

    /**
     * Seconds of each timed epoch of {@code network.fit(iterator)} on the network the recipe builds
     * (its configuration, helpers and cache mode).
     */
    double[] handLoop(ImageRecipe recipe) {
        ImageRecipe timed = timed(recipe);
        int batchesPerEpoch = (train.numExamples() + timed.batchSize() - 1) / timed.batchSize();
        ComputationGraph net = timed.build(batchesPerEpoch);
        InMemoryIterator batches = InMemoryIterator.shuffled(train, timed.batchSize(), timed.seed());
        double[] seconds = new double[repetitions];
        for (int epoch = 0; epoch <= repetitions; epoch++) {
            batches.reset();
            long start = System.nanoTime();
            net.fit(batches);
            if (epoch > 0) {
                seconds[epoch - 1] = (System.nanoTime() - start) / 1e9;
            }
        }
        return seconds;
    }

    private ImageRecipe timed(ImageRecipe recipe) {
        return recipe.withEpochs(repetitions + 1).withMaxLr(MAX_LR);
    }
}
