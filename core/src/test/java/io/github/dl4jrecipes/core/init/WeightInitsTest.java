package io.github.dl4jrecipes.core.init;

import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightInitsTest {

    @Test
    void glorotForSymmetricActivations() {
        for (Activation a : EnumSet.of(Activation.IDENTITY, Activation.TANH, Activation.SIGMOID, Activation.SOFTMAX)) {
            assertEquals(WeightInit.XAVIER, WeightInits.forActivation(a), a.name());
        }
    }

    @Test
    void heForRectifiers() {
        for (Activation a : EnumSet.of(Activation.RELU, Activation.LEAKYRELU, Activation.RRELU, Activation.ELU,
                Activation.GELU, Activation.SWISH)) {
            assertEquals(WeightInit.RELU, WeightInits.forActivation(a), a.name());
        }
    }

    @Test
    void lecunNormalForSelu() {
        assertEquals(WeightInit.LECUN_NORMAL, WeightInits.forActivation(Activation.SELU));
    }

    @Test
    void everyActivationHasAPairThatItAccepts() {
        for (Activation a : Activation.values()) {
            assertTrue(WeightInits.isPaired(a, WeightInits.forActivation(a)), a.name());
        }
    }

    @Test
    void familyVariantsArePairedAndOthersAreNot() {
        assertTrue(WeightInits.isPaired(Activation.RELU, WeightInit.RELU_UNIFORM));
        assertTrue(WeightInits.isPaired(Activation.TANH, WeightInit.XAVIER_UNIFORM));
        assertFalse(WeightInits.isPaired(Activation.RELU, WeightInit.XAVIER));
        assertFalse(WeightInits.isPaired(Activation.SELU, WeightInit.RELU));
        assertFalse(WeightInits.isPaired(Activation.TANH, WeightInit.ZERO));
        // DL4J's NORMAL is N(0, 1/fan-in): LeCun normal, and shares its IWeightInit class
        assertTrue(WeightInits.isPaired(Activation.SELU, WeightInit.NORMAL));
        assertEquals(WeightInit.NORMAL.getWeightInitFunction().getClass(), WeightInit.LECUN_NORMAL.getWeightInitFunction().getClass());
    }
}
