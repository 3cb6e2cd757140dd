package io.github.dl4jrecipes.core.train.internal;

import io.github.dl4jrecipes.core.train.DivergenceCause;
import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.train.TrainingDivergedException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches each minibatch for a NaN or infinite loss or parameter, and each epoch's validation
 * loss, and at the first non-finite one throws a {@link TrainingDivergedException} naming the
 * iteration and the likely causes. As a listener it records the gradient norm of each step, to
 * tell exploding gradients apart.
 */
public final class DivergenceWatch extends BaseTrainingListener {

    /**
     * Largest feature magnitude expected from normalized data: standardized features rarely pass
     * ±6 (six standard deviations), pixels scaled to [0, 1] never pass 1; raw pixels (0–255),
     * prices or counts do.
     */
    public static final double INPUT_SCALE_LIMIT = 20.0;
    /** Growth of the gradient norm over its first value that counts as exploding (100×). */
    public static final double EXPLODING_GROWTH = 100.0;

    private final Net net;
    private double maxAbsInput;
    private double firstGradientNorm = Double.NaN;
    private double lastGradientNorm = Double.NaN;
    private double firstLoss = Double.NaN;
    private double lastFiniteLoss = Double.NaN;

    /** Watches a network. */
    public DivergenceWatch(Net net) {
        this.net = net;
    }

    @Override
    public void onGradientCalculation(Model model) {
        INDArray gradients = model.getGradientsViewArray();
        if (gradients != null) {
            lastGradientNorm = gradients.norm2Number().doubleValue();
            if (Double.isNaN(firstGradientNorm)) {
                firstGradientNorm = lastGradientNorm;
            }
        }
    }

    /** Records a minibatch's features before it is trained on. */
    public void beforeBatch(DataSet batch) {
        maxAbsInput = Math.max(maxAbsInput, batch.getFeatures().amaxNumber().doubleValue());
    }

    /**
     * Checks the loss and parameters after a training step.
     *
     * @throws TrainingDivergedException when either is NaN or infinite
     */
    public void afterBatch(double loss, int epoch) {
        String what = null;
        if (!Double.isFinite(loss)) {
            what = "the loss is " + loss;
        } else if (!Double.isFinite(net.model().params().sumNumber().doubleValue())) {
            what = "the parameters contain NaN or infinite values (loss " + loss + ")";
        }
        if (what == null) {
            if (Double.isNaN(firstLoss)) {
                firstLoss = loss;
            }
            lastFiniteLoss = loss;
            return;
        }
        throw diverged(epoch, loss, what);
    }

    /**
     * Checks the validation loss measured after an epoch: weights can be finite on the training
     * batches yet give a NaN or infinite loss on other data (an overflowing activation, a softmax
     * of huge logits).
     *
     * @throws TrainingDivergedException when it is NaN or infinite
     */
    public void afterValidation(double validLoss, int epoch) {
        if (!Double.isFinite(validLoss)) {
            throw diverged(epoch, validLoss, "the validation loss is " + validLoss);
        }
    }

    private TrainingDivergedException diverged(int epoch, double loss, String what) {
        return new TrainingDivergedException(net.iterationCount(), epoch, loss, what,
                net.learningRate(), causes());
    }

    /** The likely causes, most likely first; the learning rate is always among them. */
    List<DivergenceCause> causes() {
        List<DivergenceCause> causes = new ArrayList<>();
        if (maxAbsInput > INPUT_SCALE_LIMIT) {
            causes.add(DivergenceCause.MISSING_NORMALIZATION);
        }
        boolean exploding = (!Double.isFinite(lastGradientNorm)
                || lastGradientNorm > EXPLODING_GROWTH * firstGradientNorm) && !clipsGradients();
        if (lastFiniteLoss > firstLoss) {   // the loss climbed before it blew up: overshooting
            causes.add(DivergenceCause.LEARNING_RATE_TOO_HIGH);
        }
        if (exploding) {
            causes.add(DivergenceCause.MISSING_GRADIENT_CLIPPING);
        }
        if (!causes.contains(DivergenceCause.LEARNING_RATE_TOO_HIGH)) {
            causes.add(DivergenceCause.LEARNING_RATE_TOO_HIGH);
        }
        return causes;
    }

    private boolean clipsGradients() {
        for (Layer layer : net.layers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base && base.getGradientNormalization() != null
                    && base.getGradientNormalization() != GradientNormalization.None) {
                return true;
            }
        }
        return false;
    }
}
