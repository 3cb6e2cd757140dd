package io.github.dl4jrecipes.recipes.augment;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.data.ResumableIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentingIteratorTest {
    private static final ImageShape SHAPE = ImageShape.of(1, 6, 6);

    @Test
    void augmentsEveryBatchInTheBackgroundAndLeavesTheSourceAlone() {
        Nd4j.getRandom().setSeed(1);
        DataSet all = new DataSet(Nd4j.rand(DataType.FLOAT, 20, 1, 6, 6), Nd4j.eye(20).castTo(DataType.FLOAT));
        INDArray source = all.getFeatures().dup();
        DataSetIterator base = new ListDataSetIterator<>(all.asList(), 5);
        DataSetIterator augmented = Augment.standard().iterator(base, SHAPE, 7);

        List<INDArray> epoch1 = drain(augmented);
        augmented.reset();
        List<INDArray> epoch2 = drain(augmented);

        assertEquals(4, epoch1.size());
        assertEquals(4, epoch2.size());
        assertNotEquals(epoch1.get(0), epoch2.get(0), "each epoch draws new augmentations");
        assertEquals(source, all.getFeatures(), "the source batches are untouched");
        assertNotEquals(source.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)), epoch1.get(0));
    }

    @Test
    void isReproducibleForTheSameSeed() {
        Nd4j.getRandom().setSeed(2);
        DataSet all = new DataSet(Nd4j.rand(DataType.FLOAT, 10, 1, 6, 6), Nd4j.eye(10).castTo(DataType.FLOAT));
        List<INDArray> a = drain(Augment.heavy().iterator(new ListDataSetIterator<>(all.asList(), 5), SHAPE, 3));
        List<INDArray> b = drain(Augment.heavy().iterator(new ListDataSetIterator<>(all.asList(), 5), SHAPE, 3));
        assertEquals(a, b);
    }

    @Test
    void stateRestoredOnAFreshIteratorReplaysTheSameAugmentedEpoch() {
        Nd4j.getRandom().setSeed(3);
        DataSet all = new DataSet(Nd4j.rand(DataType.FLOAT, 12, 1, 6, 6), Nd4j.eye(12).castTo(DataType.FLOAT));
        DataSetIterator interrupted = Augment.heavy().iterator(InMemoryIterator.shuffled(all, 4, 5), SHAPE, 3);
        for (int epoch = 0; epoch < 3; epoch++) {
            drain(interrupted);
            interrupted.reset();
        }
        Map<String, Long> saved = ((ResumableIterator) interrupted).state();
        assertEquals(Map.of("augmentEpoch", 3L, "epoch", 3L, "examples", 12L), saved);
        interrupted.reset();
        List<INDArray> expected = drain(interrupted);

        DataSetIterator resumed = Augment.heavy().iterator(InMemoryIterator.shuffled(all, 4, 5), SHAPE, 3);
        drain(resumed);   // a fresh process may read some batches before it resumes
        ((ResumableIterator) resumed).restore(saved);
        resumed.reset();
        assertEquals(expected, drain(resumed));

        DataSetIterator overList = Augment.heavy().iterator(new ListDataSetIterator<>(all.asList(), 4), SHAPE, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ((ResumableIterator) overList).restore(saved));
        assertTrue(e.getMessage().contains("wraps a ListDataSetIterator"), e.getMessage());
    }

    private static List<INDArray> drain(DataSetIterator it) {
        List<INDArray> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next().getFeatures().dup());
        }
        return batches;
    }
}
