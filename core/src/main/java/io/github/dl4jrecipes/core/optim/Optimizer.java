package io.github.dl4jrecipes.core.optim;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Objects;

/**
 * An optimizer preset: the updater, its learning rate (or schedule), momentum where it has one,
 * and optional decoupled weight decay (AdamW, Loshchilov &amp; Hutter, 2019).
 *
 * <pre>{@code
 * Optimizer adamW = Optimizer.adam().withDecoupledWeightDecay(Optimizer.DEFAULT_WEIGHT_DECAY);
 * NeuralNetConfiguration.Builder b = adamW.applyTo(new NeuralNetConfiguration.Builder().seed(42));
 * IUpdater plain = Optimizer.nesterov().withLearningRate(0.05).updater();
 * }</pre>
 *
 * @param kind          which optimizer
 * @param learningRate  the fixed learning rate, &gt; 0 (ignored when a schedule is set)
 * @param schedule      a learning-rate schedule, or null for the fixed rate
 * @param momentum      momentum for MOMENTUM/NESTEROV, in [0, 1)
 * @param weightDecay   decoupled weight decay λ, ≥ 0 (0 = off); applied after the updater and
 *                      scaled by the current learning rate, as AdamW
 */
public record Optimizer(OptimizerKind kind, double learningRate, ISchedule schedule, double momentum,
                        double weightDecay) {

    /** Momentum 0.9 for the momentum methods (Sutskever et al., 2013; the usual default). */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** AdamW's weight decay λ = 0.01 (PyTorch's {@code AdamW} default; Loshchilov &amp; Hutter use 0.0005 to 0.05). */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /** Validates the learning rate, momentum and weight decay. */
    public Optimizer {
        Objects.requireNonNull(kind, "kind");
        if (schedule == null && (!(learningRate > 0) || Double.isInfinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate
                    + "; use " + kind + "'s default " + kind.defaultLearningRate() + " or LrFinder's suggestion");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum + "; use "
                    + DEFAULT_MOMENTUM);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got " + weightDecay
                    + "; use 0 (off) or " + DEFAULT_WEIGHT_DECAY);
        }
    }

    /** @return a preset of {@code kind} with its default learning rate */
    public static Optimizer of(OptimizerKind kind) {
        return new Optimizer(kind, kind.defaultLearningRate(), null, DEFAULT_MOMENTUM, 0);
    }

    /** @return plain SGD, LR 0.01 */
    public static Optimizer sgd() {
        return of(OptimizerKind.SGD);
    }

    /** @return SGD with classical momentum 0.9, LR 0.01 */
    public static Optimizer sgdMomentum() {
        return of(OptimizerKind.MOMENTUM);
    }

    /** @return SGD with Nesterov momentum 0.9, LR 0.01 */
    public static Optimizer nesterov() {
        return of(OptimizerKind.NESTEROV);
    }

    /** @return AdaGrad, LR 0.01 */
    public static Optimizer adaGrad() {
        return of(OptimizerKind.ADAGRAD);
    }

    /** @return RMSProp, LR 0.001 */
    public static Optimizer rmsProp() {
        return of(OptimizerKind.RMSPROP);
    }

    /** @return Adam, LR 0.001 */
    public static Optimizer adam() {
        return of(OptimizerKind.ADAM);
    }

    /** @return AdamW: Adam, LR 0.001, decoupled weight decay {@link #DEFAULT_WEIGHT_DECAY} */
    public static Optimizer adamW() {
        return adam().withDecoupledWeightDecay(DEFAULT_WEIGHT_DECAY);
    }

    /** @return Nadam, LR 0.002 */
    public static Optimizer nadam() {
        return of(OptimizerKind.NADAM);
    }

    /** @return AdaMax, LR 0.002 */
    public static Optimizer adaMax() {
        return of(OptimizerKind.ADAMAX);
    }

    /** @return AMSGrad, LR 0.001 */
    public static Optimizer amsGrad() {
        return of(OptimizerKind.AMSGRAD);
    }

    /** @return a copy with a fixed learning rate */
    public Optimizer withLearningRate(double learningRate) {
        return new Optimizer(kind, learningRate, null, momentum, weightDecay);
    }

    /** @return a copy whose learning rate follows {@code schedule} (e.g. {@code OneCycle}) */
    public Optimizer withSchedule(ISchedule schedule) {
        return new Optimizer(kind, learningRate, Objects.requireNonNull(schedule, "schedule"), momentum, weightDecay);
    }

    /** @return a copy with another momentum (MOMENTUM and NESTEROV only use it) */
    public Optimizer withMomentum(double momentum) {
        return new Optimizer(kind, learningRate, schedule, momentum, weightDecay);
    }

    /** @return a copy with decoupled (AdamW-style) weight decay λ */
    public Optimizer withDecoupledWeightDecay(double weightDecay) {
        return new Optimizer(kind, learningRate, schedule, momentum, weightDecay);
    }

    /** @return a new DL4J updater for this preset */
    public IUpdater updater() {
        IUpdater updater = kind.create(schedule == null ? learningRate : kind.defaultLearningRate(), momentum);
        if (schedule != null) {
            updater.setLrAndSchedule(Double.NaN, schedule);
        }
        return updater;
    }

    /**
     * Sets the updater and, when on, decoupled weight decay on a configuration builder.
     *
     * @param builder the builder, returned for chaining
     * @return {@code builder}
     */
    public NeuralNetConfiguration.Builder applyTo(NeuralNetConfiguration.Builder builder) {
        builder.updater(updater());
        if (weightDecay > 0) {
            // DL4J's WeightDecay with applyLR=true runs after the updater: θ ← θ − lr·(update + λθ), AdamW's rule
            builder.weightDecay(weightDecay, true);
        }
        return builder;
    }
}
