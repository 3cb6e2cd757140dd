package io.github.dl4jrecipes.core.prune;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.TinyData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruningTest {

    static final DataSet TRAIN = TinyData.blobs(150, 1, 0.4);
    static final DataSet VALID = TinyData.blobs(60, 2, 0.4);
    /** 4×32 + 32×3 weights. */
    static final int WEIGHTS = 4 * 32 + 32 * 3;

    private static MultiLayerNetwork base;

    @org.junit.jupiter.api.BeforeAll
    static void train() {
        base = TinyData.network(32, new Adam(0.02), 0);
        Fit.of(base, TinyData.TASK).withEpochs(10).run(TinyData.iterator(TRAIN, 30));
    }

    private static MultiLayerNetwork trained() {
        return base.clone();
    }

    private static long zeros(MultiLayerNetwork net, String key) {
        return net.getParam(key).length() - net.getParam(key).neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT64).sumNumber().longValue();
    }

    @Test
    void globalPruningReachesTheTargetSparsity() {
        MultiLayerNetwork net = trained();
        float[] biases = net.getParam("0_b").toFloatVector();
        PruningResult r = Pruning.toSparsity(0.6).apply(net, TinyData.TASK, TinyData.iterator(VALID, 30));
        assertEquals(Math.round(0.6 * WEIGHTS) / (double) WEIGHTS, r.sparsity(), 1e-12);
        assertEquals(Math.round(0.6 * WEIGHTS), zeros(net, "0_W") + zeros(net, "1_W"));
        assertTrue(r.metricBefore() > 0.9, r.toString());
        assertTrue(Double.isFinite(r.metricAfter()));
        assertTrue(Double.isNaN(r.metricAfterFineTuning()));
        assertEquals(java.util.Set.of("0_W", "1_W"), r.weightSparsity().keySet());
        org.junit.jupiter.api.Assertions.assertArrayEquals(biases, net.getParam("0_b").toFloatVector(),
                "biases are never pruned");
        assertTrue(r.toString().contains("pruned to 59.8% zero weights (target 60.0%)"), r.toString());
    }

    @Test
    void perLayerPruningGivesEachArrayTheSameSparsity() {
        MultiLayerNetwork net = trained();
        PruningResult r = Pruning.toSparsity(0.5).withScope(Pruning.Scope.PER_LAYER)
                .apply(net, TinyData.TASK, TinyData.iterator(VALID, 30));
        assertEquals(64, zeros(net, "0_W"));
        assertEquals(48, zeros(net, "1_W"));
        assertEquals(0.5, r.weightSparsity().get("0_W"), 1e-12);
        assertEquals(0.5, r.weightSparsity().get("1_W"), 1e-12);
    }

    @Test
    void prunesTheSmallestWeights() {
        MultiLayerNetwork net = trained();
        double[] before = org.nd4j.linalg.ops.transforms.Transforms.abs(net.getParam("0_W"), true)
                .reshape(-1).toDoubleVector();
        java.util.Arrays.sort(before);
        Pruning.toSparsity(0.25).withScope(Pruning.Scope.PER_LAYER).apply(net, TinyData.TASK, TinyData.iterator(VALID, 30));
        double smallestKept = org.nd4j.linalg.ops.transforms.Transforms.abs(net.getParam("0_W"), true)
                .reshape(-1).toDoubleVector().length == 0 ? 0 : java.util.Arrays.stream(
                net.getParam("0_W").reshape(-1).toDoubleVector()).filter(v -> v != 0).map(Math::abs).min().orElseThrow();
        assertEquals(before[32], smallestKept, 0.0, "the 32 smallest of 128 are gone, the 33rd is kept");
    }

    @Test
    void fineTuningKeepsPrunedWeightsAtZero() {
        MultiLayerNetwork net = trained();
        PruningResult r = Pruning.toSparsity(0.8).withFineTuning(3)
                .apply(net, TinyData.TASK, TinyData.iterator(VALID, 30), TinyData.iterator(TRAIN, 30));
        assertEquals(Math.round(0.8 * WEIGHTS), zeros(net, "0_W") + zeros(net, "1_W"), "still sparse after fine-tuning");
        assertTrue(Double.isFinite(r.metricAfterFineTuning()));
        assertTrue(net.getListeners().isEmpty(), "the masking listener is removed");
    }

    @Test
    void badSettingsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pruning.toSparsity(1.0));
        assertTrue(e.getMessage().contains("targetSparsity must be in [0, 1), got 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pruning.toSparsity(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Pruning.toSparsity(0.5).withFineTuning(-1));
        MultiLayerNetwork net = TinyData.network();
        IllegalArgumentException noTrain = assertThrows(IllegalArgumentException.class, () -> Pruning.toSparsity(0.5)
                .withFineTuning(1).apply(net, TinyData.TASK, TinyData.iterator(VALID, 30)));
        assertTrue(noTrain.getMessage().contains("no training data"), noTrain.getMessage());
    }
}
