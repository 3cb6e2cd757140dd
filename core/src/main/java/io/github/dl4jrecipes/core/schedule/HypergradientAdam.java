package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adam whose learning rate adapts itself every step by hypergradient descent, Adam-HD (Baydin et
 * al., "Online Learning Rate Adaptation with Hypergradient Descent", ICLR 2018, Algorithm 3):
 * with {@code d(t) = m̂(t) / (√v̂(t) + ε)} Adam's bias-corrected direction,
 * <pre>
 *   α(t) = α(t−1) + β · g(t)·d(t−1)      (the hypergradient; 0 at the first step)
 *   m(t) = β1 m(t−1) + (1 − β1) g(t),  v(t) = β2 v(t−1) + (1 − β2) g(t)²
 *   m̂ = m(t) / (1 − β1^t),  v̂ = v(t) / (1 − β2^t)
 *   θ(t) = θ(t−1) − α(t) · d(t)
 * </pre>
 * β, the hyper-learning-rate, is the one setting ({@link #DEFAULT_HYPER_LEARNING_RATE}, the
 * paper's); β1, β2 and ε are Adam's defaults. ε is added to √v̂ as in the paper (ND4J's Adam adds
 * it to √v before the bias correction).
 *
 * <p>One α per DL4J updater block, as {@link HypergradientSgd}. The state is m, v, the previous
 * direction d and α ({@code stateSize(n) = 3n + 1}), inside DL4J's updater state view, so saved
 * models and checkpoints resume exactly. {@link #getLearningRate} answers the initial rate;
 * {@link Hypergradient#learningRates} reads the adapted ones.
 *
 * <pre>{@code
 * builder.updater(HypergradientAdam.of(1e-3));                       // β = 1e-7
 * recipe.withOptimizer(HypergradientAdam.of(1e-4));                  // a start 10x too low adapts up
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed. Mutable only through
 * {@link #setLrAndSchedule(double, ISchedule)}, which DL4J's {@code IUpdater} contract requires.
 */
public final class HypergradientAdam implements IUpdater {

    private static final long serialVersionUID = 1L;

    /** β = 1e-7 for Adam-HD, the hyper-learning-rate of Baydin et al. (2018), §5 (their experiments). */
    public static final double DEFAULT_HYPER_LEARNING_RATE = 1e-7;
    /** Name of the first-moment state array. */
    public static final String M_STATE = ScheduledAdam.M_STATE;
    /** Name of the second-moment state array. */
    public static final String V_STATE = ScheduledAdam.V_STATE;
    /** Name of the previous-direction state array, {@code m̂/(√v̂ + ε)} of the last step. */
    public static final String DIRECTION_STATE = "D";

    static final List<String> STATE = List.of(M_STATE, V_STATE, DIRECTION_STATE);

    @JsonProperty("learningRate")
    private double learningRate;
    @JsonProperty("hyperLearningRate")
    private final double hyperLearningRate;
    @JsonProperty("beta1")
    private final double beta1;
    @JsonProperty("beta2")
    private final double beta2;
    @JsonProperty("epsilon")
    private final double epsilon;

    @JsonCreator
    private HypergradientAdam(@JsonProperty("learningRate") double learningRate,
                              @JsonProperty("hyperLearningRate") double hyperLearningRate,
                              @JsonProperty("beta1") double beta1,
                              @JsonProperty("beta2") double beta2,
                              @JsonProperty("epsilon") double epsilon) {
        this.learningRate = Hypergradient.checkInitialLr(learningRate);
        this.hyperLearningRate = Hypergradient.checkHyperLr(hyperLearningRate, DEFAULT_HYPER_LEARNING_RATE);
        this.beta1 = Check.momentum("beta1", beta1);
        this.beta2 = Check.momentum("beta2", beta2);
        this.epsilon = Args.positive("epsilon", epsilon, "use " + ScheduledAdam.DEFAULT_EPSILON);
    }

    /**
     * @param initialLearningRate α at the first step, finite and &gt;= 0
     * @return Adam-HD with β = {@link #DEFAULT_HYPER_LEARNING_RATE} and Adam's β1, β2, ε
     */
    public static HypergradientAdam of(double initialLearningRate) {
        return new HypergradientAdam(initialLearningRate, DEFAULT_HYPER_LEARNING_RATE, ScheduledAdam.DEFAULT_BETA1,
                ScheduledAdam.DEFAULT_BETA2, ScheduledAdam.DEFAULT_EPSILON);
    }

    /** @return a copy with the hyper-learning-rate β, finite and &gt; 0 */
    public HypergradientAdam withHyperLearningRate(double beta) {
        return new HypergradientAdam(learningRate, beta, beta1, beta2, epsilon);
    }

    /** @return a copy with β1 in [0, 1) */
    public HypergradientAdam withBeta1(double value) {
        return new HypergradientAdam(learningRate, hyperLearningRate, value, beta2, epsilon);
    }

    /** @return a copy with β2 in [0, 1) */
    public HypergradientAdam withBeta2(double value) {
        return new HypergradientAdam(learningRate, hyperLearningRate, beta1, value, epsilon);
    }

    /** @return a copy with ε &gt; 0 */
    public HypergradientAdam withEpsilon(double value) {
        return new HypergradientAdam(learningRate, hyperLearningRate, beta1, beta2, value);
    }

    /** @return β, the learning rate of the learning rate */
    public double hyperLearningRate() {
        return hyperLearningRate;
    }

    /** @return β1 */
    public double beta1() {
        return beta1;
    }

    /** @return β2 */
    public double beta2() {
        return beta2;
    }

    /** @return ε */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public long stateSize(long numParams) {
        return HypergradientState.size(STATE.size(), numParams);
    }

    @Override
    public GradientUpdater<HypergradientAdam> instantiate(INDArray viewArray, boolean initializeViewArray) {
        return new HypergradientAdamUpdater(this, HypergradientState.ofView(STATE, viewArray, learningRate,
                initializeViewArray));
    }

    @Override
    public GradientUpdater<HypergradientAdam> instantiate(Map<String, INDArray> updaterState, boolean initialize) {
        return new HypergradientAdamUpdater(this, HypergradientState.ofMap(STATE, updaterState, learningRate,
                initialize));
    }

    @Override
    public HypergradientAdam clone() {
        return new HypergradientAdam(learningRate, hyperLearningRate, beta1, beta2, epsilon);
    }

    /** @return the initial learning rate α(0); the adapted one lives in the updater state */
    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    /**
     * Sets the initial learning rate (for states initialised afterwards).
     *
     * @throws IllegalArgumentException for a schedule: this updater schedules its own rate
     */
    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        Hypergradient.refuseSchedule(getClass(), lrSchedule);
        this.learningRate = Hypergradient.checkInitialLr(lr);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HypergradientAdam h && Double.compare(h.learningRate, learningRate) == 0
                && h.hyperLearningRate == hyperLearningRate && h.beta1 == beta1 && h.beta2 == beta2
                && h.epsilon == epsilon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, hyperLearningRate, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "HypergradientAdam(lr0=" + learningRate + ", hyperLr=" + hyperLearningRate + ", beta1=" + beta1
                + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
