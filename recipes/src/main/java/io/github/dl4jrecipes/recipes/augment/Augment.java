package io.github.dl4jrecipes.recipes.augment;

import java.util.Locale;

/**
 * An image augmentation policy: which random changes each training image gets, and how strong.
 *
 * <p>Four presets, mildest first. {@link #standard()} follows fastai's {@code aug_transforms}
 * defaults (horizontal flip, ±10° rotation, zoom 1–1.1, lighting 0.2, affine and lighting changes
 * each with probability 0.75, reflection padding); fastai's perspective warp is not included.
 * {@link #heavy()} adds translation, random erasing (Zhong et al. 2017: p 0.5, area up to 0.4) and
 * mixup (Zhang et al. 2018: α 0.2).
 *
 * <p><b>Flips.</b> The presets flip horizontally, which is right for photos and clothing and wrong
 * where orientation carries meaning (digits, letters, text, road signs with arrows): use
 * {@link #withoutFlips()} there. No preset flips vertically.
 *
 * <p>Apply a policy to in-memory batches with {@link #preProcessor(ImageShape, long)} or, on a
 * background thread, with {@link #iterator}; to DataVec image readers with {@link #toImageTransform}.
 *
 * <pre>{@code
 * DataSetIterator train = Augment.standard().iterator(InMemoryIterator.shuffled(data, 64, 42),
 *         ImageShape.of(1, 28, 28), 42);
 * }</pre>
 *
 * @param flipProbability     chance of a horizontal flip, in [0, 1]
 * @param maxRotateDegrees    rotation drawn uniformly from ±this, in [0, 180]
 * @param minZoom             smallest zoom factor (&gt; 0; 1 = none, &gt; 1 = closer)
 * @param maxZoom             largest zoom factor (≥ minZoom)
 * @param maxTranslate        shift drawn uniformly from ±this fraction of the size, in [0, 1)
 * @param affineProbability   chance that rotation, zoom and translation apply to an image, in [0, 1]
 * @param maxLighting         brightness shift and contrast change up to this, in [0, 1)
 * @param lightingProbability chance that lighting applies to an image, in [0, 1]
 * @param erasingProbability  chance of erasing one random rectangle, in [0, 1]
 * @param erasingMaxArea      the largest erased fraction of the image, in (0, 1]
 * @param noiseStd            standard deviation of added Gaussian noise, ≥ 0
 * @param mixupAlpha          α of mixup's Beta(α, α) mixing weight; 0 turns mixup off
 */
public record Augment(double flipProbability, double maxRotateDegrees, double minZoom, double maxZoom,
                      double maxTranslate, double affineProbability, double maxLighting,
                      double lightingProbability, double erasingProbability, double erasingMaxArea,
                      double noiseStd, double mixupAlpha) {

    /** fastai {@code aug_transforms}: {@code max_rotate=10}. */
    public static final double STANDARD_MAX_ROTATE = 10;
    /** fastai {@code aug_transforms}: {@code max_zoom=1.1}. */
    public static final double STANDARD_MAX_ZOOM = 1.1;
    /** fastai {@code aug_transforms}: {@code max_lighting=0.2}. */
    public static final double STANDARD_MAX_LIGHTING = 0.2;
    /** fastai {@code aug_transforms}: {@code p_affine=0.75} and {@code p_lighting=0.75}. */
    public static final double STANDARD_PROBABILITY = 0.75;
    /** Random erasing (Zhong et al. 2017): applied with probability 0.5. */
    public static final double ERASING_PROBABILITY = 0.5;
    /** Random erasing (Zhong et al. 2017): erased area up to 0.4 of the image ({@code s_h}). */
    public static final double ERASING_MAX_AREA = 0.4;
    /** Random erasing (Zhong et al. 2017): smallest erased area, 0.02 of the image ({@code s_l}). */
    public static final double ERASING_MIN_AREA = 0.02;
    /** mixup (Zhang et al. 2018): α = 0.2, their ImageNet setting. */
    public static final double MIXUP_ALPHA = 0.2;
    /** A coin flip. */
    public static final double HALF = 0.5;

    public Augment {
        probability("flipProbability", flipProbability);
        probability("affineProbability", affineProbability);
        probability("lightingProbability", lightingProbability);
        probability("erasingProbability", erasingProbability);
        range("maxRotateDegrees", maxRotateDegrees, 0, 180, true, "a rotation of at most 180°, e.g. 10");
        if (!(minZoom > 0) || !Double.isFinite(minZoom)) {
            throw bad("minZoom", minZoom, "must be > 0 (1 means no zoom)", "use 1.0");
        }
        if (!(maxZoom >= minZoom) || !Double.isFinite(maxZoom)) {
            throw bad("maxZoom", maxZoom, "must be finite and >= minZoom (" + minZoom + ")",
                    "use e.g. " + STANDARD_MAX_ZOOM);
        }
        range("maxTranslate", maxTranslate, 0, 1, false, "a fraction of the image size, e.g. 0.1");
        range("maxLighting", maxLighting, 0, 1, false, "e.g. " + STANDARD_MAX_LIGHTING);
        if (!(erasingMaxArea > 0 && erasingMaxArea <= 1)) {
            throw bad("erasingMaxArea", erasingMaxArea, "must be in (0, 1]", "use " + ERASING_MAX_AREA);
        }
        if (!(noiseStd >= 0) || !Double.isFinite(noiseStd)) {
            throw bad("noiseStd", noiseStd, "must be finite and >= 0", "use 0 for no noise");
        }
        if (!(mixupAlpha >= 0) || !Double.isFinite(mixupAlpha)) {
            throw bad("mixupAlpha", mixupAlpha, "must be finite and >= 0", "use 0 (off) or " + MIXUP_ALPHA);
        }
    }

    /** No augmentation: batches pass through unchanged. */
    public static Augment none() {
        return new Augment(0, 0, 1, 1, 0, 0, 0, 0, 0, ERASING_MAX_AREA, 0, 0);
    }

    /** Half of {@link #standard()}: flips, ±5°, zoom up to 1.05, lighting 0.1, each change with p 0.5. */
    public static Augment light() {
        return new Augment(HALF, STANDARD_MAX_ROTATE / 2, 1, 1 + (STANDARD_MAX_ZOOM - 1) / 2, 0, HALF,
                STANDARD_MAX_LIGHTING / 2, HALF, 0, ERASING_MAX_AREA, 0, 0);
    }

    /** fastai's {@code aug_transforms} defaults (see the class comment). */
    public static Augment standard() {
        return new Augment(HALF, STANDARD_MAX_ROTATE, 1, STANDARD_MAX_ZOOM, 0, STANDARD_PROBABILITY,
                STANDARD_MAX_LIGHTING, STANDARD_PROBABILITY, 0, ERASING_MAX_AREA, 0, 0);
    }

    /**
     * {@link #standard()} doubled (±20°, zoom up to 1.2, translation 0.1, lighting 0.3) plus random
     * erasing and mixup: for small data sets and models that overfit.
     */
    public static Augment heavy() {
        return new Augment(HALF, 2 * STANDARD_MAX_ROTATE, 1, 1 + 2 * (STANDARD_MAX_ZOOM - 1), 0.1,
                STANDARD_PROBABILITY, 0.3, STANDARD_PROBABILITY, ERASING_PROBABILITY, ERASING_MAX_AREA, 0,
                MIXUP_ALPHA);
    }

    /** This policy without flips, for data where orientation carries meaning. */
    public Augment withoutFlips() {
        return withFlipProbability(0);
    }

    public Augment withFlipProbability(double p) {
        return new Augment(p, maxRotateDegrees, minZoom, maxZoom, maxTranslate, affineProbability, maxLighting,
                lightingProbability, erasingProbability, erasingMaxArea, noiseStd, mixupAlpha);
    }

    public Augment withRotation(double maxDegrees) {
        return new Augment(flipProbability, maxDegrees, minZoom, maxZoom, maxTranslate, affineProbability,
                maxLighting, lightingProbability, erasingProbability, erasingMaxArea, noiseStd, mixupAlpha);
    }

    public Augment withZoom(double min, double max) {
        return new Augment(flipProbability, maxRotateDegrees, min, max, maxTranslate, affineProbability,
                maxLighting, lightingProbability, erasingProbability, erasingMaxArea, noiseStd, mixupAlpha);
    }

    public Augment withTranslation(double maxFraction) {
        return new Augment(flipProbability, maxRotateDegrees, minZoom, maxZoom, maxFraction, affineProbability,
                maxLighting, lightingProbability, erasingProbability, erasingMaxArea, noiseStd, mixupAlpha);
    }

    public Augment withAffineProbability(double p) {
        return new Augment(flipProbability, maxRotateDegrees, minZoom, maxZoom, maxTranslate, p,
                maxLighting, lightingProbability, erasingProbability, erasingMaxArea, noiseStd, mixupAlpha);
    }

    public Augment withLighting(double max, double p) {
        return new Augment(flipProbability, maxRotateDegrees, minZoom, maxZoom, maxTranslate, affineProbability,
                max, p, erasingProbability, erasingMaxArea, noiseStd, mixupAlpha);
    }

    public Augment withErasing(double p, double maxArea) {
        return new Augment(flipProbability, maxRotateDegrees, minZoom, maxZoom, maxTranslate, affineProbability,
                maxLighting, lightingProbability, p, maxArea, noiseStd, mixupAlpha);
    }

    public Augment withNoise(double std) {
        return new Augment(flipProbability, maxRotateDegrees, minZoom, maxZoom, maxTranslate, affineProbability,
                maxLighting, lightingProbability, erasingProbability, erasingMaxArea, std, mixupAlpha);
    }

    public Augment withMixup(double alpha) {
        return new Augment(flipProbability, maxRotateDegrees, minZoom, maxZoom, maxTranslate, affineProbability,
                maxLighting, lightingProbability, erasingProbability, erasingMaxArea, noiseStd, alpha);
    }

    /** Whether this policy changes nothing. */
    public boolean isNone() {
        return equals(none().withErasing(0, erasingMaxArea));
    }

    /**
     * A {@link org.nd4j.linalg.dataset.api.DataSetPreProcessor} that augments each batch it sees,
     * seeded: the same seed and the same batches give the same output.
     */
    public BatchAugmenter preProcessor(ImageShape shape, long seed) {
        return new BatchAugmenter(this, shape, seed);
    }

    /**
     * Wraps {@code base} so that its batches are augmented as they are read, with draws seeded by
     * {@code seed} and the epoch. The iterator supports async iteration: {@code Fit} and DL4J's
     * {@code fit(iterator)} read it on a background thread (DL4J's {@code AsyncDataSetIterator}),
     * so training never waits on augmentation while it is faster than a training step. It is a
     * {@link io.github.dl4jrecipes.core.data.ResumableIterator}: a resumed {@code Fit} replays the
     * same augmented batches when {@code base} is one too (as {@code InMemoryIterator} is).
     */
    public org.nd4j.linalg.dataset.api.iterator.DataSetIterator iterator(
            org.nd4j.linalg.dataset.api.iterator.DataSetIterator base, ImageShape shape, long seed) {
        return new AugmentingIterator(base, preProcessor(shape, seed));
    }

    /**
     * The geometric part of this policy (flip, rotation, zoom) as a DataVec
     * {@link org.datavec.image.transform.ImageTransform} for image readers. Lighting, erasing, noise
     * and mixup have no DataVec counterpart: apply them to the batches with
     * {@link #preProcessor(ImageShape, long)}.
     */
    public org.datavec.image.transform.ImageTransform toImageTransform(ImageShape shape, long seed) {
        return DataVecTransforms.of(this, shape, seed);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw bad(name, p, "is a probability and must be in [0, 1]", "use e.g. 0.5");
        }
    }

    private static void range(String name, double value, double min, double max, boolean maxInclusive,
                              String fix) {
        boolean ok = value >= min && (maxInclusive ? value <= max : value < max);
        if (!ok) {
            throw bad(name, value, String.format(Locale.ROOT, "must be in [%s, %s%s", fmt(min), fmt(max),
                    maxInclusive ? "]" : ")"), "use " + fix);
        }
    }

    private static IllegalArgumentException bad(String name, double value, String rule, String fix) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "Augment.%s %s, got %s; %s",
                name, rule, fmt(value), fix));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : Double.toString(v);
    }
}
