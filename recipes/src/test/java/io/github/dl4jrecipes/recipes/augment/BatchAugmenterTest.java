package io.github.dl4jrecipes.recipes.augment;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchAugmenterTest {
    private static final ImageShape SHAPE = ImageShape.of(1, 4, 5);
    private static final Augment NOTHING = Augment.none();

    @Test
    void noneLeavesPixelsAndLabelsAsTheyWere() {
        DataSet batch = batch(3, 1);
        DataSet out = NOTHING.preProcessor(SHAPE, 1).augment(batch);
        assertEquals(batch.getFeatures(), out.getFeatures());
        assertEquals(batch.getLabels(), out.getLabels());
    }

    @Test
    void aFlipMovesAKnownPixelToTheMirroredColumn() {
        INDArray image = Nd4j.zeros(DataType.FLOAT, 1, 1, 4, 5);
        image.putScalar(new long[]{0, 0, 1, 0}, 1f);
        DataSet out = NOTHING.withFlipProbability(1).preProcessor(SHAPE, 1).augment(new DataSet(image, null));
        assertEquals(1f, out.getFeatures().getFloat(0, 0, 1, 4), 1e-6);
        assertEquals(1f, out.getFeatures().sumNumber().floatValue(), 1e-6, "nothing else lights up");
    }

    @Test
    void neverChangesTheBatchItIsGivenAndKeepsShapeAndType() {
        DataSet batch = batch(4, 2);
        INDArray before = batch.getFeatures().dup();
        DataSet out = Augment.heavy().preProcessor(SHAPE, 3).augment(batch);
        assertEquals(before, batch.getFeatures());
        assertArrayEquals(batch.getFeatures().shape(), out.getFeatures().shape());
        assertEquals(DataType.FLOAT, out.getFeatures().dataType());
        assertNotEquals(before, out.getFeatures());
    }

    @Test
    void flatFeaturesWorkLikeImages() {
        DataSet images = batch(2, 5);
        DataSet flat = new DataSet(images.getFeatures().reshape(2, SHAPE.size()), images.getLabels());
        Augment flip = NOTHING.withFlipProbability(1);
        INDArray fromImages = flip.preProcessor(SHAPE, 1).augment(images).getFeatures();
        INDArray fromFlat = flip.preProcessor(SHAPE, 1).augment(flat).getFeatures();
        assertArrayEquals(new long[]{2, SHAPE.size()}, fromFlat.shape());
        assertEquals(fromImages.reshape(2, SHAPE.size()), fromFlat);
    }

    @Test
    void sameSeedSameOutputOtherSeedOtherOutput() {
        DataSet batch = batch(4, 7);
        INDArray a = Augment.heavy().preProcessor(SHAPE, 42).augment(batch).getFeatures();
        INDArray b = Augment.heavy().preProcessor(SHAPE, 42).augment(batch).getFeatures();
        INDArray c = Augment.heavy().preProcessor(SHAPE, 43).augment(batch).getFeatures();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void lightingChangesImagesWithinTheirOwnRange() {
        DataSet batch = batch(64, 9);
        INDArray in = batch.getFeatures();
        INDArray out = NOTHING.withLighting(0.2, 1).preProcessor(SHAPE, 1).augment(batch).getFeatures();
        for (int i = 0; i < 64; i++) {
            INDArray before = in.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i));
            INDArray after = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i));
            assertTrue(after.minNumber().floatValue() >= before.minNumber().floatValue() - 1e-6);
            assertTrue(after.maxNumber().floatValue() <= before.maxNumber().floatValue() + 1e-6);
        }
        double ratio = out.meanNumber().doubleValue() / in.meanNumber().doubleValue();
        assertTrue(ratio > 0.8 && ratio < 1.2, "brightness within ±0.2 on average: " + ratio);
        assertNotEquals(in, out);
    }

    @Test
    void erasingReplacesOneRectangleOfBoundedArea() {
        ImageShape shape = ImageShape.of(1, 20, 20);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 16, 1, 20, 20);
        ones.putScalar(new long[]{0, 0, 0, 0}, 0f);
        INDArray out = NOTHING.withErasing(1, 0.4).preProcessor(shape, 5).augment(new DataSet(ones, null)).getFeatures();
        for (int i = 1; i < 16; i++) {
            // images of constant value 1 erase to the value 1 (fill is within the image's range);
            // image 0 has range [0, 1], so its erased pixels differ from 1 somewhere
            assertEquals(400, out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).eq(1f).castTo(DataType.INT32).sumNumber().intValue());
        }
        long changed = 400 - out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).eq(1f).castTo(DataType.INT32).sumNumber().longValue();
        assertTrue(changed >= 1 && changed <= 0.4 * 400 + 20, "changed " + changed);
    }

    @Test
    void noiseHasTheRequestedSpread() {
        ImageShape shape = ImageShape.of(1, 32, 32);
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, 8, 1, 32, 32);
        INDArray out = NOTHING.withNoise(0.1).preProcessor(shape, 1).augment(new DataSet(zeros, null)).getFeatures();
        assertEquals(0.1, out.stdNumber().doubleValue(), 0.01);
        assertEquals(0, out.meanNumber().doubleValue(), 0.01);
    }

    @Test
    void mixupBlendsImagesAndLabelsWithOneWeight() {
        DataSet batch = batch(8, 11);
        DataSet out = NOTHING.withMixup(0.4).preProcessor(SHAPE, 2).augment(batch);
        INDArray labelSums = out.getLabels().sum(1);
        assertEquals(Nd4j.ones(DataType.FLOAT, 8), labelSums.castTo(DataType.FLOAT));
        assertTrue(out.getLabels().maxNumber().doubleValue() <= 1 + 1e-6);
        // the label of each row is λ·own + (1-λ)·partner; the features follow the same λ
        INDArray mean = out.getFeatures().mean();
        assertEquals(batch.getFeatures().meanNumber().doubleValue(), mean.getDouble(0), 1e-5,
                "a permutation mix keeps the batch mean");
    }

    @Test
    void rejectsFeaturesOfAnotherShape() {
        DataSet wrong = new DataSet(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Augment.standard().preProcessor(SHAPE, 1).augment(wrong));
        assertTrue(e.getMessage().contains("[2, 1, 28, 28]") && e.getMessage().contains("ImageShape"), e.getMessage());
    }

    private static DataSet batch(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, 4, 5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return new DataSet(x, y);
    }
}
