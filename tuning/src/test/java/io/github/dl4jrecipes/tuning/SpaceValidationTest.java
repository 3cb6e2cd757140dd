package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.dl4jrecipes.tuning.StudyTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Empty and degenerate spaces fail at once with a message naming the parameter, rule and value. */
class SpaceValidationTest {

    @Test
    void degenerateRangesAreRejected() {
        assertMessage(() -> Params.uniform("dropout", 0.5, 0.1), "dropout: min must be < max", "min=0.5, max=0.1");
        assertMessage(() -> Params.uniform("dropout", 0.5, 0.5), "dropout: min must be < max", "FixedValue");
        assertMessage(() -> Params.uniform("x", Double.NaN, 1), "x: bounds must be finite", "NaN");
        assertMessage(() -> Params.logUniform("lr", 0, 0.1), "lr: a log-scale range needs bounds > 0", "min=0.0");
        assertMessage(() -> Params.logUniform("lr", -1e-3, 0.1), "lr: a log-scale range needs bounds > 0", "-0.001");
        assertMessage(() -> Params.logUniform("lr", 0.1, 1e-3), "lr: min must be < max", "swap the bounds");
        assertMessage(() -> Params.integer("depth", 4, 1), "depth: min must be <= max", "min=4, max=1");
        assertMessage(() -> Params.powersOfTwo("batch", 16, 100), "batch: bounds must be powers of two", "100");
        assertMessage(() -> Params.powersOfTwo("batch", 64, 16), "batch: min must be <= max", "min=64");
        assertMessage(() -> Params.choice("activation", List.of()), "activation: a choice needs at least one value",
                "empty list");
        assertMessage(() -> SearchBlocks.depth(0, 3), "depth: min must be >= 1 hidden layer", "0");
        assertMessage(() -> SearchBlocks.width(16, 8), "width: min must be <= max", "min=16");
        assertMessage(() -> SearchBlocks.activations(List.of()), "activation: a choice needs at least one value",
                "empty list");
    }

    @Test
    void emptySpacesAreRejected() {
        assertMessage(() -> SearchSpace.of(Map.of()), "search space: needs at least one hyperparameter", "none");
        assertMessage(() -> UnitSpace.of(SearchSpace.of(Map.of("n", new FixedValue<>(3)))),
                "search space has no free hyperparameter", "fixed");
        assertMessage(() -> UnitSpace.of(SearchSpace.of(Map.of("c", new DiscreteParameterSpace<>(new ArrayList<>())))),
                "c: a discrete space needs at least one value", "none");
        assertMessage(() -> Tuner.random(SearchSpace.of(Map.of("n", new FixedValue<>(3))), 1).run(
                Objective.curve((c, e) -> 0.0)), "no free hyperparameter", "fixed");
    }

    @Test
    void fingerprintChangesWithAnyRangeAndNotWithOrderOfDeclaration() {
        String a = UnitSpace.of(SearchSpace.of(Map.of("x", Params.uniform("x", 0, 1),
                "y", Params.choice("y", "a", "b")))).fingerprint();
        String same = UnitSpace.of(SearchSpace.of(Map.of("y", Params.choice("y", "a", "b"),
                "x", Params.uniform("x", 0, 1)))).fingerprint();
        String otherRange = UnitSpace.of(SearchSpace.of(Map.of("x", Params.uniform("x", 0, 2),
                "y", Params.choice("y", "a", "b")))).fingerprint();
        String otherChoice = UnitSpace.of(SearchSpace.of(Map.of("x", Params.uniform("x", 0, 1),
                "y", Params.choice("y", "a", "c")))).fingerprint();
        assertEquals(a, same);
        assertNotEquals(a, otherRange);
        assertNotEquals(a, otherChoice);
    }

    @Test
    void dimensionsAreNamedAndTyped() {
        UnitSpace<Map<String, Object>> s = UnitSpace.of(SearchSpace.of(Map.of("lr", Params.logUniform("lr", 1e-4, 1),
                "act", Params.choice("act", "relu", "tanh", "elu"), "depth", Params.integer("depth", 1, 3))));
        assertEquals(List.of(new Dimension("act", 3), new Dimension("depth", 0), new Dimension("lr", 0)),
                s.dimensions());
        assertEquals(Map.of("act", "elu", "depth", "3", "lr", "1.0"), s.describe(new double[] {1, 1, 1}));
    }
}
