package io.github.dl4jrecipes.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class InMemoryIteratorTest {

    private static final int N = 10;

    /** Image-shaped data [N,1,2,2] whose every pixel of example i equals i, label = i % 3 one-hot. */
    static DataSet indexed(int n) {
        INDArray features = Nd4j.create(DataType.FLOAT, n, 1, 2, 2);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            features.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(i);
            labels.putScalar(i, i % 3, 1f);
        }
        return new DataSet(features, labels);
    }

    private static List<Integer> epoch(DataSetIterator it) {
        List<Integer> seen = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            for (int r = 0; r < batch.numExamples(); r++) {
                int id = batch.getFeatures().getInt(r, 0, 0, 0);
                assertEquals(id, batch.getFeatures().getInt(r, 0, 1, 1), "whole example moves together");
                assertEquals(1f, batch.getLabels().getFloat(r, id % 3), "label follows its example");
                seen.add(id);
            }
        }
        return seen;
    }

    @Test
    void stateRestoredOnAFreshIteratorGivesTheSameNextEpochs() {
        InMemoryIterator interrupted = InMemoryIterator.shuffled(indexed(N), 3, 9);
        for (int i = 0; i < 4; i++) {
            epoch(interrupted);
            interrupted.reset();
        }
        java.util.Map<String, Long> saved = interrupted.state();
        assertEquals(java.util.Map.of("epoch", 4L, "examples", (long) N), saved);
        List<List<Integer>> expected = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            interrupted.reset();
            expected.add(epoch(interrupted));
        }

        InMemoryIterator resumed = InMemoryIterator.shuffled(indexed(N), 3, 9);
        resumed.reset();
        resumed.restore(saved);
        List<List<Integer>> replayed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            resumed.reset();
            replayed.add(epoch(resumed));
        }
        assertEquals(expected, replayed);
    }

    @Test
    void stateOfOtherDataOrAnotherIteratorIsRefused() {
        InMemoryIterator it = InMemoryIterator.shuffled(indexed(N), 3, 9);
        IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
                () -> it.restore(java.util.Map.of("epoch", 2L, "examples", 7L)));
        assertTrue(fewer.getMessage().contains("saved for an epoch of 7 examples but this InMemoryIterator yields 10"),
                fewer.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> it.restore(java.util.Map.of("augmentEpoch", 2L)));
        assertTrue(other.getMessage().startsWith("state: InMemoryIterator takes {epoch, examples}"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> it.restore(java.util.Map.of("epoch", -1L, "examples", 10L)));
        assertEquals(0, it.epoch(), "a refused state changes nothing");
    }

    @Test
    void sequentialCutsBatchesInOrderWithAShortLastBatch() {
        InMemoryIterator it = InMemoryIterator.sequential(indexed(N), 4);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            sizes.add(batch.numExamples());
            assertArrayEquals(new long[] {batch.numExamples(), 1, 2, 2}, batch.getFeatures().shape());
            for (int r = 0; r < batch.numExamples(); r++) {
                seen.add(batch.getFeatures().getInt(r, 0, 0, 0));
            }
        }
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen);
        assertEquals(4, it.inputColumns());
        assertEquals(3, it.totalOutcomes());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void shuffledVisitsEveryExampleOncePerEpochInANewSeededOrder() {
        InMemoryIterator a = InMemoryIterator.shuffled(indexed(N), 3, 42);
        InMemoryIterator b = InMemoryIterator.shuffled(indexed(N), 3, 42);
        List<Integer> first = epoch(a);
        a.reset();
        List<Integer> second = epoch(a);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), first.stream().sorted().toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), second.stream().sorted().toList());
        assertNotEquals(first, second, "each epoch reshuffles");
        assertEquals(first, epoch(b), "same seed, same first epoch");
        b.reset();
        assertEquals(second, epoch(b), "same seed, same second epoch");
        assertNotEquals(first, epoch(InMemoryIterator.shuffled(indexed(N), 3, 7)));
    }

    @Test
    void preProcessorRunsOnEveryBatch() {
        InMemoryIterator it = InMemoryIterator.sequential(indexed(N), 4);
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));
        DataSet batch = it.next();
        assertEquals(2f, batch.getFeatures().getFloat(1, 0, 0, 0));
        it.reset();
        assertEquals(2f, it.next().getFeatures().getFloat(1, 0, 0, 0), "source data is not modified");
    }

    @Test
    void worksUnderDl4jAsyncPrefetch() {
        InMemoryIterator base = InMemoryIterator.shuffled(indexed(N), 3, 5);
        base.setPreProcessor(ds -> ds.getLabels().muli(1));
        List<Integer> direct = epoch(InMemoryIterator.shuffled(indexed(N), 3, 5));
        AsyncDataSetIterator async = new AsyncDataSetIterator(base, 2);
        List<Integer> viaAsync = epoch(async);
        assertEquals(10, viaAsync.size());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), viaAsync.stream().sorted().toList());
        assertEquals(direct, viaAsync, "prefetch keeps the seeded order");
        async.reset();
        assertEquals(10, epoch(async).size(), "second epoch after reset");
        async.shutdown();
    }

    @Test
    void masksTravelWithTheirExamples() {
        int n = 6;
        INDArray features = Nd4j.create(DataType.FLOAT, n, 2, 5);
        INDArray labels = Nd4j.create(DataType.FLOAT, n, 3, 5);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, n, 5);
        for (int i = 0; i < n; i++) {
            features.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(i);
            mask.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, i % 5 + 1)).assign(1);
        }
        InMemoryIterator it = InMemoryIterator.shuffled(new DataSet(features, labels, mask, mask), 4, 3);
        int seen = 0;
        while (it.hasNext()) {
            DataSet batch = it.next();
            assertArrayEquals(new long[] {batch.numExamples(), 2, 5}, batch.getFeatures().shape());
            for (int r = 0; r < batch.numExamples(); r++) {
                int id = batch.getFeatures().getInt(r, 1, 4);
                assertEquals(id % 5 + 1, batch.getFeaturesMaskArray().getRow(r).sumNumber().intValue());
                assertEquals(id % 5 + 1, batch.getLabelsMaskArray().getRow(r).sumNumber().intValue());
                seen++;
            }
        }
        assertEquals(n, seen);
    }

    @Test
    void keepsLabelNames() {
        DataSet data = indexed(N);
        data.setLabelNames(List.of("a", "b", "c"));
        InMemoryIterator it = InMemoryIterator.sequential(data, 4);
        assertEquals(List.of("a", "b", "c"), it.getLabels());
        assertEquals(List.of("a", "b", "c"), it.next().getLabelNamesList());
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> InMemoryIterator.shuffled(indexed(N), 0, 1));
        assertTrue(batch.getMessage().contains("batchSize"), batch.getMessage());
        DataSet mismatched = new DataSet(Nd4j.zeros(4, 2), Nd4j.zeros(3, 2));
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> InMemoryIterator.sequential(mismatched, 2));
        assertTrue(rows.getMessage().contains("4 examples") && rows.getMessage().contains("3"), rows.getMessage());
        assertFalse(InMemoryIterator.sequential(indexed(1), 5).next().isEmpty());
    }

    /**
     * DL4J's {@code evaluate(iterator)} builds its Evaluation from {@code getLabels()}: an empty
     * list (what a DataSet without names holds) made it score 0 classes, accuracy 0.0. Softmax of
     * the identity: the prediction is the larger input, right for 3 of these 4 rows.
     */
    @Test
    void dl4jEvaluateOfAnIteratorWithoutClassNamesScoresTheClasses() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.setParams(Nd4j.create(new float[] {1, 0, 0, 1, 0, 0}, new long[] {1, 6}));
        INDArray features = Nd4j.create(new float[][] {{2, 1}, {1, 2}, {3, 0}, {0, 3}});
        INDArray labels = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}, {1, 0}});

        assertEquals(0.75, net.evaluate(InMemoryIterator.sequential(new DataSet(features, labels), 3)).accuracy(), 1e-12);
    }
}
