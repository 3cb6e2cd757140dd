package io.github.dl4jrecipes.recipes.augment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentTest {

    @Test
    void presetsGrowStrongerAndStandardIsFastaisDefaults() {
        Augment standard = Augment.standard();
        assertEquals(10, standard.maxRotateDegrees());
        assertEquals(1.1, standard.maxZoom());
        assertEquals(0.2, standard.maxLighting());
        assertEquals(0.75, standard.affineProbability());
        assertEquals(0.75, standard.lightingProbability());
        assertEquals(0.5, standard.flipProbability());

        assertTrue(Augment.light().maxRotateDegrees() < standard.maxRotateDegrees());
        assertTrue(Augment.heavy().maxRotateDegrees() > standard.maxRotateDegrees());
        assertTrue(Augment.heavy().mixupAlpha() > 0);
        assertTrue(Augment.heavy().erasingProbability() > 0);
        assertTrue(Augment.none().isNone());
        assertFalse(Augment.light().isNone());
        assertEquals(0, standard.withoutFlips().flipProbability());
    }

    @Test
    void rejectsRotationBeyond180() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Augment.standard().withRotation(190));
        assertTrue(e.getMessage().contains("maxRotateDegrees") && e.getMessage().contains("190"), e.getMessage());
    }

    @Test
    void rejectsProbabilitiesOutsideZeroOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Augment.standard().withFlipProbability(1.5));
        assertTrue(e.getMessage().contains("flipProbability") && e.getMessage().contains("[0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augment.standard().withLighting(0.2, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Augment.standard().withErasing(Double.NaN, 0.4));
    }

    @Test
    void rejectsZoomAtOrBelowZeroAndInvertedRanges() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Augment.standard().withZoom(0, 1.1));
        assertTrue(zero.getMessage().contains("minZoom") && zero.getMessage().contains("> 0"), zero.getMessage());
        IllegalArgumentException inverted = assertThrows(IllegalArgumentException.class,
                () -> Augment.standard().withZoom(1.2, 1.1));
        assertTrue(inverted.getMessage().contains("maxZoom"), inverted.getMessage());
    }

    @Test
    void rejectsOtherOutOfRangeSettings() {
        assertThrows(IllegalArgumentException.class, () -> Augment.standard().withTranslation(1.0));
        assertThrows(IllegalArgumentException.class, () -> Augment.standard().withLighting(1.0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Augment.standard().withErasing(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> Augment.standard().withNoise(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Augment.standard().withMixup(-1));
        assertThrows(IllegalArgumentException.class, () -> ImageShape.of(0, 28, 28));
    }
}
