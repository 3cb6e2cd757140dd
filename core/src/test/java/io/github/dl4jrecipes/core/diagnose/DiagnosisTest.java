package io.github.dl4jrecipes.core.diagnose;

import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.core.train.History;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosisTest {

    /** A history whose last epoch is the best, with the given train and valid accuracy. */
    private static History accuracies(double trainAcc, double validAcc) {
        History h = History.empty("accuracy", true);
        for (int e = 1; e <= 4; e++) {
            double shrink = (4 - e) * 0.001;
            h = h.withEpoch(new EpochRecord(e, 1, trainAcc - shrink, 1, validAcc - shrink, 1e-3, 1, 1));
        }
        return h;
    }

    @Test
    void highVariance() {   // Ng: train 1% error, dev 11%
        Diagnosis d = Diagnosis.of(accuracies(0.99, 0.89));
        assertEquals(Verdict.HIGH_VARIANCE, d.verdict());
        assertEquals(0.10, d.variance(), 1e-9);
        assertEquals(0.01, d.avoidableBias(), 1e-9);
        assertEquals(4, d.epoch());
        assertTrue(d.remedies().contains(Remedy.MORE_DATA));
        assertTrue(d.remedies().contains(Remedy.REGULARIZATION));
        assertFalse(d.remedies().contains(Remedy.BIGGER_MODEL));
    }

    @Test
    void highBias() {   // train 15%, dev 16%
        Diagnosis d = Diagnosis.of(accuracies(0.85, 0.84));
        assertEquals(Verdict.HIGH_BIAS, d.verdict());
        assertEquals(0.15, d.avoidableBias(), 1e-9);
        assertTrue(d.remedies().contains(Remedy.BIGGER_MODEL));
        assertTrue(d.remedies().contains(Remedy.TRAIN_LONGER));
        assertFalse(d.remedies().contains(Remedy.MORE_DATA));
    }

    @Test
    void both() {   // train 15%, dev 30%
        Diagnosis d = Diagnosis.of(accuracies(0.85, 0.70));
        assertEquals(Verdict.HIGH_BIAS_AND_VARIANCE, d.verdict());
        assertTrue(d.remedies().contains(Remedy.BIGGER_MODEL));
        assertTrue(d.remedies().contains(Remedy.MORE_DATA));
    }

    @Test
    void goodFit() {   // train 0.5%, dev 1%
        Diagnosis d = Diagnosis.of(accuracies(0.995, 0.99));
        assertEquals(Verdict.GOOD_FIT, d.verdict());
        assertTrue(d.remedies().isEmpty());
        assertTrue(d.toString().contains("good fit"));
    }

    @Test
    void baselineTurnsHighBiasIntoGoodFit() {   // humans also get 14% wrong
        Diagnosis d = Diagnosis.of(accuracies(0.85, 0.84), 0.14);
        assertEquals(Verdict.GOOD_FIT, d.verdict());
        assertEquals(0.01, d.avoidableBias(), 1e-9);
    }

    @Test
    void lowerIsBetterMetricIsUsedAsError() {
        History h = History.empty("mse", false)
                .withEpoch(new EpochRecord(1, 1, 0.02, 1, 0.2, 1e-3, 1, 1));
        Diagnosis d = Diagnosis.of(h);
        assertEquals(Verdict.HIGH_VARIANCE, d.verdict());
        assertEquals(0.18, d.variance(), 1e-12);
    }

    @Test
    void noisyValidationAsksForABiggerValidationSet() {
        History h = History.empty("accuracy", true);
        double[] valid = {0.90, 0.80, 0.91, 0.79, 0.905};
        for (int e = 1; e <= valid.length; e++) {
            h = h.withEpoch(new EpochRecord(e, 1, 0.91, 1, valid[e - 1], 1e-3, 1, 1));
        }
        Diagnosis d = Diagnosis.of(h);
        assertTrue(d.noisyValidation());
        assertTrue(d.remedies().contains(Remedy.BIGGER_VALIDATION_SET));
        assertFalse(Diagnosis.of(accuracies(0.99, 0.89)).noisyValidation());
    }

    @Test
    void baselineOutsideZeroOneIsRejected() {
        History h = accuracies(0.9, 0.8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Diagnosis.of(h, 5.0));
        assertTrue(e.getMessage().contains("baselineError"), e.getMessage());
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        assertTrue(e.getMessage().contains("5.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.of(h, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.of(h, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.ofErrors(0.1, 0.2, 1.5));
    }

    @Test
    void historyWithoutValidationIsRejected() {
        History h = History.empty("accuracy", true)
                .withEpoch(new EpochRecord(1, 1, 0.9, Double.NaN, Double.NaN, 1e-3, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Diagnosis.of(h));
        assertTrue(e.getMessage().contains("validation"), e.getMessage());
    }
}
