package io.github.dl4jrecipes.core.optim;

import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.core.schedule.HypergradientSgd;
import io.github.dl4jrecipes.core.schedule.ScheduledAdam;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Optional;

/**
 * The optimizers with a preset, their default learning rate and the range of learning rates that
 * is sane for them (outside it the config linter warns).
 *
 * <p>Sane ranges: plain and momentum SGD train between 1e-4 and 1 (Bengio, 2012, "Practical
 * recommendations", §3.1: "a default value of 0.01 typically works for standard multi-layer
 * networks but it would be foolish to rely exclusively on this default"; Goyal et al. 2017 reach
 * 0.1·k for large batches); adaptive methods normalise the step and work between 1e-5 and 1e-1
 * (Adam's paper tests 1e-4 to 1e-2; fastai's LR finder rarely suggests above 1e-1).
 */
public enum OptimizerKind {
    /** Plain SGD; default LR 0.01 (Keras' and Bengio's default). */
    SGD(0.01, 1e-4, 1.0),
    /** SGD with classical (heavy-ball) momentum 0.9; default LR 0.01 (Sutskever et al., 2013). */
    MOMENTUM(0.01, 1e-4, 1.0),
    /** SGD with Nesterov momentum 0.9; default LR 0.01 (Sutskever et al., 2013; ND4J's Nesterovs uses 0.1). */
    NESTEROV(0.01, 1e-4, 1.0),
    /** AdaGrad; default LR 0.01 (Duchi et al., 2011; PyTorch's default). */
    ADAGRAD(0.01, 1e-4, 1.0),
    /** RMSProp; default LR 0.001 (Hinton's Coursera lecture 6e; Keras' default). */
    RMSPROP(1e-3, 1e-5, 1e-1),
    /** Adam; default LR 0.001 (Kingma &amp; Ba, 2015). */
    ADAM(1e-3, 1e-5, 1e-1),
    /** Nadam; default LR 0.002 (Dozat, 2016; Keras' default). */
    NADAM(2e-3, 1e-5, 1e-1),
    /** AdaMax; default LR 0.002 (Kingma &amp; Ba, 2015, §7.1). */
    ADAMAX(2e-3, 1e-5, 1e-1),
    /** AMSGrad; default LR 0.001 (Reddi et al., 2018, following Adam). */
    AMSGRAD(1e-3, 1e-5, 1e-1),
    /**
     * SGD with a hypergradient learning rate ({@link HypergradientSgd}, its default β); the
     * learning rate is the initial α, default and sane range as {@link #SGD}.
     */
    SGD_HD(0.01, 1e-4, 1.0),
    /**
     * Adam with a hypergradient learning rate ({@link HypergradientAdam}, its default β); the
     * learning rate is the initial α, default and sane range as {@link #ADAM}.
     */
    ADAM_HD(1e-3, 1e-5, 1e-1);

    private final double defaultLearningRate;
    private final double minSaneLearningRate;
    private final double maxSaneLearningRate;

    OptimizerKind(double defaultLearningRate, double minSaneLearningRate, double maxSaneLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
        this.minSaneLearningRate = minSaneLearningRate;
        this.maxSaneLearningRate = maxSaneLearningRate;
    }

    /** @return the preset's learning rate (see each constant for its source) */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    /** @return the smallest learning rate that is not suspiciously small for this optimizer */
    public double minSaneLearningRate() {
        return minSaneLearningRate;
    }

    /** @return the largest learning rate that is not suspiciously large for this optimizer */
    public double maxSaneLearningRate() {
        return maxSaneLearningRate;
    }

    /**
     * Recognises a DL4J updater (ND4J's classes and ours).
     *
     * @param updater any updater
     * @return its kind, or empty for updaters without a preset (AdaDelta, NoOp, AdaBelief, custom)
     */
    public static Optional<OptimizerKind> of(IUpdater updater) {
        if (updater instanceof MomentumSgd) {
            return Optional.of(MOMENTUM);
        } else if (updater instanceof ScheduledAdam) {
            return Optional.of(ADAM);
        } else if (updater instanceof HypergradientSgd) {
            return Optional.of(SGD_HD);
        } else if (updater instanceof HypergradientAdam) {
            return Optional.of(ADAM_HD);
        }
        return Optional.ofNullable(switch (updater.getClass().getName()) {
            case "org.nd4j.linalg.learning.config.Sgd" -> SGD;
            case "org.nd4j.linalg.learning.config.Nesterovs" -> NESTEROV;
            case "org.nd4j.linalg.learning.config.AdaGrad" -> ADAGRAD;
            case "org.nd4j.linalg.learning.config.RmsProp" -> RMSPROP;
            case "org.nd4j.linalg.learning.config.Adam" -> ADAM;
            case "org.nd4j.linalg.learning.config.Nadam" -> NADAM;
            case "org.nd4j.linalg.learning.config.AdaMax" -> ADAMAX;
            case "org.nd4j.linalg.learning.config.AMSGrad" -> AMSGRAD;
            default -> null;
        });
    }

    IUpdater create(double learningRate, double momentum) {
        return switch (this) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> MomentumSgd.of(learningRate).withMomentum(momentum);
            case NESTEROV -> new Nesterovs(learningRate, momentum);
            case ADAGRAD -> new AdaGrad(learningRate);
            case RMSPROP -> new RmsProp(learningRate);
            case ADAM -> new Adam(learningRate);
            case NADAM -> new Nadam(learningRate);
            case ADAMAX -> new AdaMax(learningRate);
            case AMSGRAD -> new AMSGrad(learningRate);
            case SGD_HD -> HypergradientSgd.of(learningRate);
            case ADAM_HD -> HypergradientAdam.of(learningRate);
        };
    }
}
