package io.github.dl4jrecipes.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SplitsTest {

    /** 100 examples, feature = id; classes 0 (60 examples), 1 (30), 2 (10). */
    private static DataSet imbalanced() {
        int n = 100;
        INDArray features = Nd4j.create(DataType.FLOAT, n, 1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            features.putScalar(i, 0, i);
            labels.putScalar(i, i < 60 ? 0 : i < 90 ? 1 : 2, 1f);
        }
        return new DataSet(features, labels);
    }

    private static Set<Integer> ids(DataSet part) {
        Set<Integer> ids = new HashSet<>();
        for (int r = 0; r < part.numExamples(); r++) {
            ids.add(part.getFeatures().getInt(r, 0));
        }
        return ids;
    }

    private static long[] classCounts(DataSet part) {
        INDArray sums = part.getLabels().sum(0);
        return new long[] {sums.getLong(0), sums.getLong(1), sums.getLong(2)};
    }

    @Test
    void threeWaySplitIsStratifiedDisjointAndComplete() {
        Split split = Splits.trainValidTest(imbalanced(), 0.7, 0.2, 42);
        assertTrue(split.stratified());
        assertEquals(List.of(42L, 21L, 7L), List.of(classCounts(split.train())[0], classCounts(split.train())[1],
                classCounts(split.train())[2]));
        assertEquals(List.of(12L, 6L, 2L), List.of(classCounts(split.valid())[0], classCounts(split.valid())[1],
                classCounts(split.valid())[2]));
        DataSet test = split.test().orElseThrow();
        assertEquals(10, test.numExamples());
        Set<Integer> all = new HashSet<>(ids(split.train()));
        all.addAll(ids(split.valid()));
        all.addAll(ids(test));
        assertEquals(100, all.size(), "every example lands in exactly one part");
        // labels travel with their features
        for (int r = 0; r < test.numExamples(); r++) {
            int id = test.getFeatures().getInt(r, 0);
            int expected = id < 60 ? 0 : id < 90 ? 1 : 2;
            assertEquals(1f, test.getLabels().getFloat(r, expected));
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertEquals(ids(Splits.trainValid(imbalanced(), 0.8, 1).valid()),
                ids(Splits.trainValid(imbalanced(), 0.8, 1).valid()));
        assertFalse(ids(Splits.trainValid(imbalanced(), 0.8, 1).valid())
                .equals(ids(Splits.trainValid(imbalanced(), 0.8, 2).valid())));
        assertTrue(Splits.trainValid(imbalanced(), 0.8, 1).test().isEmpty());
    }

    @Test
    void twoWaySplitsNeverLeakRowsIntoATestPart() {
        for (double train : new double[] {0.15, 0.35, 0.45, 0.55, 0.65, 0.7, 0.85}) {
            for (int n : new int[] {3, 7, 10, 33}) {
                DataSet data = new DataSet(Nd4j.arange(n).reshape(n, 1).castTo(DataType.FLOAT),
                        Nd4j.rand(DataType.FLOAT, n, 1).addi(2));
                if (Math.round(n * train) == 0 || Math.round(n * train) == n) {
                    continue;
                }
                Split split = Splits.trainValid(data, train, 5);
                assertTrue(split.test().isEmpty());
                assertEquals(n, split.train().numExamples() + split.valid().numExamples(), n + " × " + train);
            }
        }
    }

    @Test
    void regressionTargetsSplitAtRandom() {
        DataSet data = new DataSet(Nd4j.arange(20).reshape(20, 1).castTo(DataType.FLOAT),
                Nd4j.rand(DataType.FLOAT, 20, 1).addi(0.5));
        Split split = Splits.trainValid(data, 0.75, 3);
        assertFalse(split.stratified());
        assertEquals(15, split.train().numExamples());
        assertEquals(5, split.valid().numExamples());
    }

    @Test
    void kFoldCoversEveryExampleOnceAndKeepsClassProportions() {
        List<Split> folds = Splits.kFold(imbalanced(), 5, 9);
        assertEquals(5, folds.size());
        Set<Integer> validated = new HashSet<>();
        for (Split fold : folds) {
            assertEquals(20, fold.valid().numExamples());
            assertEquals(80, fold.train().numExamples());
            long[] counts = classCounts(fold.valid());
            assertEquals(12, counts[0]);
            assertEquals(6, counts[1]);
            assertEquals(2, counts[2]);
            Set<Integer> valid = ids(fold.valid());
            assertTrue(ids(fold.train()).stream().noneMatch(valid::contains), "train and valid are disjoint");
            assertTrue(validated.addAll(valid), "no example is validated twice");
        }
        assertEquals(100, validated.size());
    }

    @Test
    void binarySingleColumnLabelsAreStratified() {
        DataSet data = new DataSet(Nd4j.arange(40).reshape(40, 1).castTo(DataType.FLOAT),
                Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, 10, 1), Nd4j.zeros(DataType.FLOAT, 30, 1)));
        Split split = Splits.trainValid(data, 0.5, 4);
        assertTrue(split.stratified());
        assertEquals(5, split.valid().getLabels().sumNumber().intValue());
    }

    @Test
    void rejectsBadFractionsAndFoldCounts() {
        DataSet data = imbalanced();
        String zero = assertThrows(IllegalArgumentException.class, () -> Splits.trainValid(data, 0.0, 1)).getMessage();
        assertTrue(zero.contains("trainFraction") && zero.contains("0.0"), zero);
        String sum = assertThrows(IllegalArgumentException.class,
                () -> Splits.trainValidTest(data, 0.8, 0.3, 1)).getMessage();
        assertTrue(sum.contains("at most 1"), sum);
        String k = assertThrows(IllegalArgumentException.class, () -> Splits.kFold(data, 1, 1)).getMessage();
        assertTrue(k.contains("k: must be between 2"), k);
        DataSet tiny = new DataSet(Nd4j.zeros(3, 1), Nd4j.zeros(3, 1).addi(0.5));
        String empty = assertThrows(IllegalArgumentException.class,
                () -> Splits.trainValid(tiny, 0.9, 1)).getMessage();
        assertTrue(empty.contains("valid part is empty"), empty);
    }
}
