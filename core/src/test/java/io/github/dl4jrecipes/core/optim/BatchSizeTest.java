package io.github.dl4jrecipes.core.optim;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static io.github.dl4jrecipes.core.PresetAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSizeTest {

    @Test
    void smallSetsUseTheWholeSetLargeSetsThirtyTwo() {
        assertEquals(344, BatchSize.forExamples(344));
        assertEquals(1999, BatchSize.forExamples(1999));
        assertEquals(32, BatchSize.forExamples(2000));
        assertEquals(32, BatchSize.forExamples(60_000));
    }

    @Test
    void checkAcceptsPowersOfTwoInRangeAndLargerOnlyWithWarmup() {
        assertEquals(128, BatchSize.check(128, 60_000, false));
        assertEquals(100, BatchSize.check(100, 1_000, false));
        assertEquals(2048, BatchSize.check(2048, 60_000, true));
        assertMessage(() -> BatchSize.check(2048, 60_000, false), "2048", "warm-up", "<= 512");
        assertMessage(() -> BatchSize.check(100, 60_000, false), "power of two", "100", "use 64 or 128");
        assertMessage(() -> BatchSize.check(500, 300, false), "exceeds", "300");
        assertMessage(() -> BatchSize.check(0, 300, false), "batchSize", "0");
        assertMessage(() -> BatchSize.forExamples(0), "nExamples", "0");
    }

    private static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(10).build())
                .setInputType(InputType.feedForward(784)).build();
    }

    @Test
    void probeFindsTheLargestPowerOfTwoWithinTheBudget() {
        MultiLayerConfiguration conf = conf();
        MemoryReport report = conf.getMemoryReport(InputType.feedForward(784));
        long need64 = BatchSize.trainingBytes(report, conf.getDataType(), 64);
        long need128 = BatchSize.trainingBytes(report, conf.getDataType(), 128);
        assertTrue(need128 > need64);
        long budget = (long) Math.ceil(need64 / BatchSize.MEMORY_HEADROOM);
        assertEquals(64, BatchSize.largestFitting(conf, InputType.feedForward(784), budget));
        assertEquals(BatchSize.PROBE_LIMIT, BatchSize.largestFitting(conf, InputType.feedForward(784), Long.MAX_VALUE / 4));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BatchSize.largestFitting(conf, InputType.feedForward(784), 1000));
        assertTrue(e.getMessage().contains("budgetBytes 1000"), e.getMessage());
        assertTrue(BatchSize.memoryBudget() > 0);
    }
}
