package io.github.dl4jrecipes.core.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceTest {

    @Test
    void nanInducingLearningRateStopsWithTheDiagnosis() {
        MultiLayerNetwork net = TinyData.network(16, new Sgd(1e4), 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () ->
                Fit.of(net, TinyData.TASK).epochs(20).run(TinyData.iterator(TinyData.blobs(150, 1, 0.5), 30)));
        assertTrue(e.iteration() >= 1, "iteration " + e.iteration());
        assertEquals(e.iteration(), net.getIterationCount(), "stopped at the first bad minibatch");
        assertTrue(e.getMessage().contains("iteration " + e.iteration()), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate too high (1.00e+04)"), e.getMessage());
        assertTrue(e.causes().contains(DivergenceCause.LEARNING_RATE_TOO_HIGH));
        assertTrue(net.getListeners().isEmpty(), "Fit's listener removed after the failure");
    }

    @Test
    void unnormalizedInputsAreNamedFirst() {
        DataSet blobs = TinyData.blobs(150, 1, 0.5);
        DataSet raw = new DataSet(blobs.getFeatures().mul(1e6), blobs.getLabels());   // raw sensor units
        MultiLayerNetwork net = TinyData.network(16, new Sgd(0.1), 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () ->
                Fit.of(net, TinyData.TASK).epochs(20).run(TinyData.iterator(raw, 30)));
        assertEquals(DivergenceCause.MISSING_NORMALIZATION, e.causes().get(0), e.getMessage());
        assertTrue(e.getMessage().contains("standardize the features"), e.getMessage());
    }
}
