package io.github.dl4jrecipes.recipes.augment;

import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Test-time augmentation: the prediction for an image is the mean of the predictions for the image
 * itself and for {@code copies} augmented versions of it. Only the geometric and lighting part of a
 * policy is used; erasing, noise and mixup are training-time only.
 *
 * <pre>{@code
 * INDArray probs = TestTimeAugmentation.of(Augment.light(), ImageShape.of(1, 28, 28), 4).predict(net, x);
 * }</pre>
 *
 * @param policy the augmentation policy (its erasing, noise and mixup are ignored)
 * @param shape  the image layout of the features
 * @param copies augmented copies per image, at least 1
 * @param seed   seed of the augmentation
 */
public record TestTimeAugmentation(Augment policy, ImageShape shape, int copies, long seed) {
    /** fastai's {@code Learner.tta} default {@code n=4}. */
    public static final int DEFAULT_COPIES = 4;

    public TestTimeAugmentation {
        if (copies < 1) {
            throw new IllegalArgumentException("TestTimeAugmentation.copies must be >= 1, got " + copies
                    + "; use " + DEFAULT_COPIES + " (fastai's default)");
        }
        policy = policy.withErasing(0, policy.erasingMaxArea()).withNoise(0).withMixup(0);
    }

    /** TTA with {@value #DEFAULT_COPIES} copies and seed 0. */
    public static TestTimeAugmentation of(Augment policy, ImageShape shape) {
        return new TestTimeAugmentation(policy, shape, DEFAULT_COPIES, 0);
    }

    /** Mean prediction over the original and the augmented copies of {@code features}. */
    public INDArray predict(NeuralNetwork net, INDArray features) {
        BatchAugmenter augmenter = policy.preProcessor(shape, seed);
        INDArray sum = output(net, features).dup();
        for (int i = 0; i < copies; i++) {
            INDArray augmented = augmenter.augment(new DataSet(features, null)).getFeatures();
            sum.addi(output(net, augmented));
        }
        return sum.divi(copies + 1);
    }

    private static INDArray output(NeuralNetwork net, INDArray features) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.output(features, false);
        }
        if (net instanceof ComputationGraph graph) {
            return graph.outputSingle(false, features);
        }
        throw new IllegalArgumentException("TestTimeAugmentation supports MultiLayerNetwork and ComputationGraph, got "
                + net.getClass().getName());
    }
}
