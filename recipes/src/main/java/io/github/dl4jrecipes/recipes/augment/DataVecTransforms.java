package io.github.dl4jrecipes.recipes.augment;

import org.datavec.image.transform.CropImageTransform;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.PipelineImageTransform;
import org.datavec.image.transform.RotateImageTransform;
import org.nd4j.common.primitives.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The geometric part of an {@link Augment} policy as DataVec transforms, which DataVec's image
 * readers apply to each image before scaling it to the target size: a horizontal flip, a rotation,
 * and for zoom a random crop of up to {@code (1 - 1/maxZoom)/2} of the size from each side (scaled
 * back up by the reader, which zooms in).
 */
final class DataVecTransforms {
    /** OpenCV's flip code for a left-right mirror. */
    private static final int HORIZONTAL = 1;

    private DataVecTransforms() {
    }

    static ImageTransform of(Augment policy, ImageShape shape, long seed) {
        Random random = new Random(seed);
        List<Pair<ImageTransform, Double>> steps = new ArrayList<>();
        if (policy.flipProbability() > 0) {
            steps.add(new Pair<>(new FlipImageTransform(HORIZONTAL), policy.flipProbability()));
        }
        if (policy.maxRotateDegrees() > 0 && policy.affineProbability() > 0) {
            steps.add(new Pair<>(new RotateImageTransform(random, (float) policy.maxRotateDegrees()),
                    policy.affineProbability()));
        }
        int crop = (int) Math.floor((1 - 1 / policy.maxZoom()) / 2 * Math.min(shape.height(), shape.width()));
        if (crop > 0 && policy.affineProbability() > 0) {
            steps.add(new Pair<>(new CropImageTransform(random, crop), policy.affineProbability()));
        }
        return new PipelineImageTransform(seed, steps, false);
    }
}
