package com.example;

import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a new user gets from the README's dependencies alone, with no set-up code. */
class FastPathTest {

    @Test
    void theRecipeTrainsAndPredictsThePenguins() {
        double accuracy = Penguins.trainAndTest(20);
        assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
    }

    @Test
    void convolutionNetworksGetTheOneDnnHelpersOnTheBuildMadeForThisCpu() {
        ImageRecipe.classifier(28, 28, 1, 10).build();
        Hardware hw = Hardware.report();
        System.out.println(hw);

        assertEquals(Hardware.OneDnnState.ACTIVE, hw.oneDnn(), hw.toString());
        assertNotNull(hw.binaryChoice(), "dl4j-recipes-cpu chose the build at start-up");
        // libnd4j's own CPUID check (optimalLevel) against the build it runs (binaryLevel)
        assertEquals(hw.cpuSimd(), hw.binarySimd(), hw.toString());
    }
}
