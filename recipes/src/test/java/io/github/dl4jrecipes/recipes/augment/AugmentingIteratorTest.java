package io.github.dl4jrecipes.recipes.augment;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

    private static List<INDArray> drain(DataSetIterator it) {
        List<INDArray> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next().getFeatures().dup());
        }
        return batches;
    }
}
