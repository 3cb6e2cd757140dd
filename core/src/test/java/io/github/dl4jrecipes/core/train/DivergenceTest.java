package io.github.dl4jrecipes.core.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceTest {

    @Test
    void nanInducingLearningRateStopsWithTheDiagnosis() {
        MultiLayerNetwork net = TinyData.network(16, new Sgd(1e4), 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () ->
                Fit.of(net, TinyData.TASK).withEpochs(20).run(TinyData.iterator(TinyData.blobs(150, 1, 0.5), 30)));
        assertTrue(e.iteration() >= 1, "iteration " + e.iteration());
        assertEquals(e.iteration(), net.getIterationCount(), "stopped at the first bad minibatch");
        assertTrue(e.getMessage().contains("iteration " + e.iteration()), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate too high (1.00e+04)"), e.getMessage());
        assertTrue(e.causes().contains(DivergenceCause.LEARNING_RATE_TOO_HIGH));
        assertTrue(net.getListeners().isEmpty(), "Fit's listener removed after the failure");
    }

    @Test
    void nonFiniteValidationLossStopsAfterTheFirstEpochWithoutACheckpoint(@TempDir Path tmp) {
        DataSet blobs = TinyData.blobs(60, 2, 0.5);
        DataSet overflowing = new DataSet(blobs.getFeatures().mul(1e38), blobs.getLabels());  // float overflow
        MultiLayerNetwork net = TinyData.network(16, new Sgd(0.1), 0);
        Path dir = tmp.resolve("ckpt");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () ->
                Fit.of(net, TinyData.TASK).withEpochs(5).withCheckpoints(Checkpoints.in(dir))
                        .run(TinyData.iterator(TinyData.blobs(150, 1, 0.5), 30), TinyData.iterator(overflowing, 30)));
        assertEquals(1, e.epoch(), e.getMessage());
        assertEquals(5, net.getIterationCount(), "stopped after the first epoch's 5 batches");
        assertFalse(Double.isFinite(e.loss()));
        assertTrue(e.getMessage().contains("the validation loss is"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("epoch-0001.json")), "no checkpoint of the diverged epoch");
    }

    @Test
    void unnormalizedInputsAreNamedFirst() {
        DataSet blobs = TinyData.blobs(150, 1, 0.5);
        DataSet raw = new DataSet(blobs.getFeatures().mul(1e6), blobs.getLabels());   // raw sensor units
        MultiLayerNetwork net = TinyData.network(16, new Sgd(0.1), 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () ->
                Fit.of(net, TinyData.TASK).withEpochs(20).run(TinyData.iterator(raw, 30)));
        assertEquals(DivergenceCause.MISSING_NORMALIZATION, e.causes().get(0), e.getMessage());
        assertTrue(e.getMessage().contains("standardize the features"), e.getMessage());
    }
}
