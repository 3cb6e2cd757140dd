package io.github.dl4jrecipes.core.schedule;

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
 * SGD whose learning rate adapts itself every step by hypergradient descent, SGD-HD (Baydin et
 * al., "Online Learning Rate Adaptation with Hypergradient Descent", ICLR 2018, Algorithm 1 with
 * the hypergradient of plain SGD): with the gradient {@code g(t)} of this step and that of the
 * previous step,
 * <pre>
 *   α(t) = α(t−1) + β · g(t)·g(t−1)      (the hypergradient −∂f/∂α is g(t)·g(t−1); 0 at the first step)
 *   θ(t) = θ(t−1) − α(t) · g(t)
 * </pre>
 * The learning rate grows while successive gradients agree and shrinks when they oppose, so a
 * start 10× too low or too high is corrected online. β, the hyper-learning-rate, is the one
 * setting ({@link #DEFAULT_HYPER_LEARNING_RATE}); the initial learning rate may even be 0.
 *
 * <p>One α per DL4J updater block: the whole network when every layer shares this updater and
 * no layer breaks the block (batch norm's running statistics do), else one per run of layers.
 * The state is the previous gradient and α ({@code stateSize(n) = n + 1}), inside DL4J's
 * updater state view, so {@code ModelSerializer}, {@code ModelZip} and checkpoints resume
 * exactly. {@link #getLearningRate} answers the initial rate (DL4J's listeners and decoupled
 * weight decay see that one); {@link Hypergradient#learningRates} reads the adapted ones.
 *
 * <pre>{@code
 * builder.updater(HypergradientSgd.of(0.01));                        // β = 1e-3
 * recipe.withOptimizer(HypergradientSgd.of(0.01).withHyperLearningRate(1e-4));
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed. Mutable only through
 * {@link #setLrAndSchedule(double, ISchedule)}, which DL4J's {@code IUpdater} contract requires.
 */
public final class HypergradientSgd implements IUpdater {

    private static final long serialVersionUID = 1L;

    /** β = 1e-3 for SGD-HD, the hyper-learning-rate of Baydin et al. (2018), §5 (their experiments). */
    public static final double DEFAULT_HYPER_LEARNING_RATE = 1e-3;
    /** Name of the previous-gradient state array. */
    public static final String PREVIOUS_GRADIENT_STATE = "G";

    static final List<String> STATE = List.of(PREVIOUS_GRADIENT_STATE);

    @JsonProperty("learningRate")
    private double learningRate;
    @JsonProperty("hyperLearningRate")
    private final double hyperLearningRate;

    @JsonCreator
    private HypergradientSgd(@JsonProperty("learningRate") double learningRate,
                             @JsonProperty("hyperLearningRate") double hyperLearningRate) {
        this.learningRate = Hypergradient.checkInitialLr(learningRate);
        this.hyperLearningRate = Hypergradient.checkHyperLr(hyperLearningRate, DEFAULT_HYPER_LEARNING_RATE);
    }

    /**
     * @param initialLearningRate α at the first step, finite and &gt;= 0
     * @return SGD-HD with β = {@link #DEFAULT_HYPER_LEARNING_RATE}
     */
    public static HypergradientSgd of(double initialLearningRate) {
        return new HypergradientSgd(initialLearningRate, DEFAULT_HYPER_LEARNING_RATE);
    }

    /** @return a copy with the hyper-learning-rate β, finite and &gt; 0 */
    public HypergradientSgd withHyperLearningRate(double beta) {
        return new HypergradientSgd(learningRate, beta);
    }

    /** @return β, the learning rate of the learning rate */
    public double hyperLearningRate() {
        return hyperLearningRate;
    }

    @Override
    public long stateSize(long numParams) {
        return HypergradientState.size(STATE.size(), numParams);
    }

    @Override
    public GradientUpdater<HypergradientSgd> instantiate(INDArray viewArray, boolean initializeViewArray) {
        return new HypergradientSgdUpdater(this, HypergradientState.ofView(STATE, viewArray, learningRate,
                initializeViewArray));
    }

    @Override
    public GradientUpdater<HypergradientSgd> instantiate(Map<String, INDArray> updaterState, boolean initialize) {
        return new HypergradientSgdUpdater(this, HypergradientState.ofMap(STATE, updaterState, learningRate,
                initialize));
    }

    @Override
    public HypergradientSgd clone() {
        return new HypergradientSgd(learningRate, hyperLearningRate);
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
        return o instanceof HypergradientSgd h && Double.compare(h.learningRate, learningRate) == 0
                && h.hyperLearningRate == hyperLearningRate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, hyperLearningRate);
    }

    @Override
    public String toString() {
        return "HypergradientSgd(lr0=" + learningRate + ", hyperLr=" + hyperLearningRate + ")";
    }
}
