package io.github.dl4jrecipes.recipes.augment;

import io.github.dl4jrecipes.core.data.ResumableIterator;
import io.github.dl4jrecipes.recipes.augment.internal.ImageOps;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Random;

/**
 * Applies an {@link Augment} policy to batches of images: per image, a flip and an affine map
 * (rotation, zoom, shift) in one bilinear resampling, then lighting, random erasing and noise; per
 * batch, mixup. Writes new arrays and never changes the arrays it is given, so it is safe on
 * iterators that hand out the same batch objects every epoch.
 *
 * <p>Seeded and stateful: the same seed and batch sequence give the same output. One instance
 * serves one thread (the background thread that reads {@link Augment#iterator}), which reseeds it
 * at each epoch from the seed and the epoch.
 */
public final class BatchAugmenter implements DataSetPreProcessor {
    private static final long serialVersionUID = 1L;
    /** Erased rectangles have aspect ratios between 0.3 and 1/0.3 (Zhong et al. 2017, r1). */
    private static final double ERASING_MIN_ASPECT = 0.3;

    private final Augment policy;
    private final ImageShape shape;
    private final long seed;
    private final Random random;

    BatchAugmenter(Augment policy, ImageShape shape, long seed) {
        this.policy = policy;
        this.shape = shape;
        this.seed = seed;
        this.random = new Random(ResumableIterator.epochSeed(seed, 0));
    }

    /** Reseeds the draws for epoch {@code epoch}: they then depend on the seed and the epoch only. */
    void startEpoch(int epoch) {
        random.setSeed(ResumableIterator.epochSeed(seed, epoch));
    }

    /** Replaces the batch's features (and, with mixup, labels) with augmented copies. */
    @Override
    public void preProcess(DataSet batch) {
        DataSet augmented = augment(batch);
        batch.setFeatures(augmented.getFeatures());
        batch.setLabels(augmented.getLabels());
    }

    /** An augmented copy of {@code batch}; {@code batch} itself is left as it was. */
    public org.nd4j.linalg.dataset.DataSet augment(DataSet batch) {
        INDArray features = batch.getFeatures();
        long[] originalShape = features.shape();
        int n = checkShape(features);
        float[] in = Nd4j.toFlattened('c', features.castTo(DataType.FLOAT)).toFloatVector();
        float[] out = new float[in.length];
        float[] image = new float[shape.size()];
        float[] warped = new float[shape.size()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(in, i * shape.size(), image, 0, shape.size());
            float[] result = geometry(image, warped);
            System.arraycopy(result, 0, out, i * shape.size(), shape.size());
            pixels(out, i * shape.size());
        }
        INDArray labels = batch.getLabels() == null ? null : batch.getLabels().dup();
        if (policy.mixupAlpha() > 0 && n > 1) {
            double lambda = new BetaDistribution(new Well19937c(random.nextLong()), policy.mixupAlpha(),
                    policy.mixupAlpha()).sample();
            int[] partner = permutation(n);
            out = mix(out, partner, lambda);
            if (labels != null) {
                labels = labels.mul(lambda).addi(labels.getRows(partner).muli(1 - lambda));
            }
        }
        INDArray newFeatures = Nd4j.create(out, originalShape, 'c').castTo(features.dataType());
        return new org.nd4j.linalg.dataset.DataSet(newFeatures, labels,
                batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
    }

    private int checkShape(INDArray features) {
        long perImage = features.length() / Math.max(1, features.size(0));
        boolean nchw = features.rank() == 4 && features.size(1) == shape.channels()
                && features.size(2) == shape.height() && features.size(3) == shape.width();
        boolean flat = features.rank() == 2 && perImage == shape.size();
        if (!nchw && !flat) {
            throw new IllegalArgumentException(String.format(
                    "augmentation expects images of %s as [n, %d, %d, %d] or [n, %d], got features of shape %s; "
                            + "pass the ImageShape of your data to Augment.preProcessor/iterator",
                    shape, shape.channels(), shape.height(), shape.width(), shape.size(),
                    Arrays.toString(features.shape())));
        }
        return (int) features.size(0);
    }

    /** Flip and affine map in one resampling; returns {@code image} itself when neither applies. */
    private float[] geometry(float[] image, float[] scratch) {
        boolean flip = random.nextDouble() < policy.flipProbability();
        boolean affine = random.nextDouble() < policy.affineProbability();
        if (!flip && !affine) {
            return image;
        }
        double degrees = 0;
        double zoom = 1;
        double shiftX = 0;
        double shiftY = 0;
        if (affine) {
            degrees = uniform(-policy.maxRotateDegrees(), policy.maxRotateDegrees());
            zoom = uniform(policy.minZoom(), policy.maxZoom());
            // zooming in shows 1/zoom of the image; like fastai, the window's centre moves freely inside
            double slack = Math.max(0, 1 - 1 / zoom) / 2;
            double t = policy.maxTranslate();
            shiftX = (uniform(-slack, slack) + uniform(-t, t)) * shape.width();
            shiftY = (uniform(-slack, slack) + uniform(-t, t)) * shape.height();
        }
        double[] inverse = ImageOps.inverseTransform(shape.height(), shape.width(), degrees, zoom, shiftX, shiftY, flip);
        ImageOps.affine(image, scratch, shape.channels(), shape.height(), shape.width(), inverse);
        return scratch;
    }

    /** Lighting, erasing and noise on the image at {@code offset}, in place. */
    private void pixels(float[] out, int offset) {
        if (policy.maxLighting() > 0 && random.nextDouble() < policy.lightingProbability()) {
            double max = policy.maxLighting();
            double brightness = 1 + uniform(-max, max);
            double contrast = Math.exp(uniform(Math.log(1 - max), -Math.log(1 - max)));
            ImageOps.lighting(out, offset, shape.size(), brightness, contrast);
        }
        if (random.nextDouble() < policy.erasingProbability()) {
            erase(out, offset);
        }
        if (policy.noiseStd() > 0) {
            for (int i = offset; i < offset + shape.size(); i++) {
                out[i] += (float) (random.nextGaussian() * policy.noiseStd());
            }
        }
    }

    private void erase(float[] out, int offset) {
        int h = shape.height();
        int w = shape.width();
        double area = uniform(Augment.ERASING_MIN_AREA, Math.max(Augment.ERASING_MIN_AREA, policy.erasingMaxArea())) * h * w;
        double aspect = Math.exp(uniform(Math.log(ERASING_MIN_ASPECT), -Math.log(ERASING_MIN_ASPECT)));
        int eh = (int) Math.max(1, Math.min(h, Math.round(Math.sqrt(area * aspect))));
        int ew = (int) Math.max(1, Math.min(w, Math.round(Math.sqrt(area / aspect))));
        int top = random.nextInt(h - eh + 1);
        int left = random.nextInt(w - ew + 1);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + shape.size(); i++) {
            min = Math.min(min, out[i]);
            max = Math.max(max, out[i]);
        }
        double lo = min;
        double span = max - min;
        ImageOps.erase(out, offset, shape.channels(), h, w, top, left, eh, ew, () -> lo + random.nextDouble() * span);
    }

    /** mixup (Zhang et al. 2018): image i becomes λ·image i + (1-λ)·image partner[i]. */
    private float[] mix(float[] images, int[] partner, double lambda) {
        int size = shape.size();
        float[] mixed = new float[images.length];
        for (int i = 0; i < partner.length; i++) {
            for (int k = 0; k < size; k++) {
                mixed[i * size + k] = (float) (lambda * images[i * size + k]
                        + (1 - lambda) * images[partner[i] * size + k]);
            }
        }
        return mixed;
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }
}
