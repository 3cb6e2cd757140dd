package io.github.dl4jrecipes.recipes.augment;

import io.github.dl4jrecipes.core.train.Net;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;

/**
 * Test-time augmentation: the prediction for an image is the mean of the predictions for the image
 * itself and for {@code copies} augmented versions of it. Only the geometric and lighting part of a
 * policy is used; erasing, noise and mixup are training-time only.
 *
 * <pre>{@code
 * TestTimeAugmentation tta = TestTimeAugmentation.of(Augment.light(), ImageShape.of(1, 28, 28));
 * INDArray probs = tta.predict(net, x);
 * double accuracy = tta.evaluate(net, testIterator, classNames).accuracy();
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
    public INDArray predict(Model network, INDArray features) {
        Net net = Net.of(network);
        BatchAugmenter augmenter = policy.preProcessor(shape, seed);
        INDArray sum = net.output(features).dup();
        for (int i = 0; i < copies; i++) {
            INDArray augmented = augmenter.augment(new DataSet(features, null)).getFeatures();
            sum.addi(net.output(augmented));
        }
        return sum.divi(copies + 1);
    }

    /**
     * Evaluates a classifier on every batch of {@code data} (reset first when it can be) with the
     * TTA prediction in place of the plain one.
     *
     * @param classNames one name per output column
     * @return DL4J's evaluation of the averaged predictions
     * @throws IllegalArgumentException when the names do not match the labels' columns or there is no data
     */
    public Evaluation evaluate(Model net, DataSetIterator data, List<String> classNames) {
        Evaluation evaluation = new Evaluation(classNames);
        if (data.resetSupported()) {
            data.reset();
        }
        long examples = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            if (batch.getLabels().size(1) != classNames.size()) {
                throw new IllegalArgumentException("classNames has " + classNames.size() + " names but the labels have "
                        + batch.getLabels().size(1) + " columns; pass one name per class");
            }
            evaluation.eval(batch.getLabels(), predict(net, batch.getFeatures()));
            examples += batch.numExamples();
        }
        if (examples == 0) {
            throw new IllegalArgumentException("data yields no examples; nothing to evaluate");
        }
        return evaluation;
    }
}
