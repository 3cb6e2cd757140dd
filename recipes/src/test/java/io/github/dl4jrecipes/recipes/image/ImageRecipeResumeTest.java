package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.train.Checkpoints;
import io.github.dl4jrecipes.recipes.augment.Augment;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An image recipe with shuffling and augmentation resumes from its checkpoints bit for bit. */
class ImageRecipeResumeTest {

    private static final int SIDE = 12;
    private static final DataSet TRAIN = TinyImages.make(48, 1, SIDE, 1);
    private static final DataSet VALID = TinyImages.make(24, 1, SIDE, 2);

    private static ImageRecipe recipe(Path checkpoints) {
        return ImageRecipe.classifier(SIDE, SIDE, 1, TinyImages.CLASSES).withAugment(Augment.heavy())
                .withMaxLr(3e-3).withEpochs(3).withBatchSize(16).withCheckpoints(Checkpoints.in(checkpoints));
    }

    @Test
    void resumedAfterACrashInTheLastEpochEndsWithTheUninterruptedWeights(@TempDir Path tmp) throws IOException {
        ComputationGraph uninterrupted = recipe(tmp.resolve("a")).fit(TRAIN, VALID).network();

        Path dir = tmp.resolve("b");
        recipe(dir).fit(TRAIN, VALID);
        Files.delete(dir.resolve("epoch-0003.json"));   // as if killed during epoch 3
        Files.delete(dir.resolve("epoch-0003.zip"));
        ComputationGraph resumed = recipe(dir).fit(TRAIN, VALID).network();

        assertEquals(uninterrupted.getIterationCount(), resumed.getIterationCount());
        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector(),
                "shuffle order and augmentation draws of epoch 3 replayed");
    }
}
