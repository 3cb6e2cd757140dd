package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * Adam (Kingma &amp; Ba, 2015) whose β1 can follow a schedule, which ND4J's {@link Adam} cannot:
 * the piece 1cycle needs to cycle momentum on Adam-family optimizers (fastai cycles Adam's β1
 * 0.95 → 0.85 → 0.95). Its state is Adam's: two arrays {@code M} and {@code V}, each the size of
 * the parameters, so DL4J's updater blocks, {@code ModelSerializer} and transfer learning handle it
 * as they handle Adam. With a constant β1 it computes exactly what {@link Adam} computes. With a
 * scheduled β1 the bias correction uses the current β1, {@code 1 − β1(t)^t}, as fastai does.
 *
 * <p>For AdamW, add decoupled weight decay to the configuration
 * ({@code builder.weightDecay(λ, true)}, DL4J's post-updater {@code WeightDecay}); see
 * {@code io.github.dl4jrecipes.core.optim.Optimizers}.
 *
 * <pre>{@code
 * OneCycle lr = OneCycle.maxLr(3e-3).withTotalIterations(1000);
 * builder.updater(lr.adam());                                    // same as:
 * builder.updater(ScheduledAdam.of(lr).withBeta1(lr.momentum()));
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed. Mutable only through
 * {@link #setLrAndSchedule(double, ISchedule)}, which DL4J's {@code IUpdater} contract requires
 * ({@code network.setLearningRate(..)} uses it).
 */
public final class ScheduledAdam implements IUpdater {

    private static final long serialVersionUID = 1L;

    /** β2 = 0.999, Kingma &amp; Ba (2015) and ND4J's default. */
    public static final double DEFAULT_BETA2 = Adam.DEFAULT_ADAM_BETA2_VAR_DECAY;
    /** ε = 1e-8, ND4J's Adam default. */
    public static final double DEFAULT_EPSILON = Adam.DEFAULT_ADAM_EPSILON;
    /** Constant β1 = 0.9 when no β1 schedule is given, Kingma &amp; Ba (2015). */
    public static final double DEFAULT_BETA1 = Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY;
    /** Name of the first-moment state array, as in ND4J's {@code AdamUpdater}. */
    public static final String M_STATE = "M";
    /** Name of the second-moment state array, as in ND4J's {@code AdamUpdater}. */
    public static final String V_STATE = "V";

    private static final int STATE_ARRAYS = 2;

    @JsonProperty("learningRate")
    private double learningRate;
    @JsonProperty("learningRateSchedule")
    private ISchedule learningRateSchedule;
    @JsonProperty("beta1")
    private final double beta1;
    @JsonProperty("beta1Schedule")
    private final ISchedule beta1Schedule;
    @JsonProperty("beta2")
    private final double beta2;
    @JsonProperty("epsilon")
    private final double epsilon;

    @JsonCreator
    private ScheduledAdam(@JsonProperty("learningRate") double learningRate,
                          @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                          @JsonProperty("beta1") double beta1,
                          @JsonProperty("beta1Schedule") ISchedule beta1Schedule,
                          @JsonProperty("beta2") double beta2,
                          @JsonProperty("epsilon") double epsilon) {
        if (learningRateSchedule == null) {
            Args.positive("learningRate", learningRate, "use e.g. 1e-3 (Adam's usual default) or LrFinder's suggestion");
        }
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
        this.beta1 = Check.momentum("beta1", beta1);
        this.beta1Schedule = beta1Schedule;
        this.beta2 = Check.momentum("beta2", beta2);
        this.epsilon = Args.positive("epsilon", epsilon, "use " + DEFAULT_EPSILON);
    }

    /** @return Adam with a fixed learning rate and β1 = {@link #DEFAULT_BETA1} */
    public static ScheduledAdam of(double learningRate) {
        return new ScheduledAdam(learningRate, null, DEFAULT_BETA1, null, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** @return Adam whose learning rate follows {@code learningRate}, β1 = {@link #DEFAULT_BETA1} */
    public static ScheduledAdam of(ISchedule learningRate) {
        Objects.requireNonNull(learningRate, "learningRate");
        return new ScheduledAdam(Double.NaN, learningRate, DEFAULT_BETA1, null, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** @return a copy whose β1 follows {@code beta1} (values must stay in [0, 1)) */
    public ScheduledAdam withBeta1(ISchedule beta1) {
        Objects.requireNonNull(beta1, "beta1");
        return new ScheduledAdam(learningRate, learningRateSchedule, this.beta1, beta1, beta2, epsilon);
    }

    /** @return a copy with a constant β1 in [0, 1) */
    public ScheduledAdam withBeta1(double beta1) {
        return new ScheduledAdam(learningRate, learningRateSchedule, beta1, null, beta2, epsilon);
    }

    /** @return a copy with β2 in [0, 1) */
    public ScheduledAdam withBeta2(double beta2) {
        return new ScheduledAdam(learningRate, learningRateSchedule, beta1, beta1Schedule, beta2, epsilon);
    }

    /** @return a copy with ε &gt; 0 */
    public ScheduledAdam withEpsilon(double epsilon) {
        return new ScheduledAdam(learningRate, learningRateSchedule, beta1, beta1Schedule, beta2, epsilon);
    }

    /**
     * The β1 in effect at a step.
     *
     * @return the scheduled β1, or the constant one
     */
    public double beta1At(int iteration, int epoch) {
        if (beta1Schedule == null) {
            return beta1;
        }
        return Check.momentum("beta1 schedule value at iteration " + iteration, beta1Schedule.valueAt(iteration, epoch));
    }

    /** @return the learning-rate schedule, or null for a fixed rate (named as ND4J's updaters name it) */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
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
        return STATE_ARRAYS * numParams;
    }

    @Override
    public GradientUpdater<ScheduledAdam> instantiate(INDArray viewArray, boolean initializeViewArray) {
        ScheduledAdamUpdater updater = new ScheduledAdamUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, new long[]{flat.length() / STATE_ARRAYS}, flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater<ScheduledAdam> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        ScheduledAdamUpdater updater = new ScheduledAdamUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public ScheduledAdam clone() {
        return new ScheduledAdam(learningRate, learningRateSchedule, beta1, beta1Schedule, beta2, epsilon);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule == null) {
            Args.positive("learningRate", lr, "use a positive learning rate");
        }
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduledAdam a && Double.compare(a.learningRate, learningRate) == 0
                && Objects.equals(a.learningRateSchedule, learningRateSchedule) && a.beta1 == beta1
                && Objects.equals(a.beta1Schedule, beta1Schedule) && a.beta2 == beta2 && a.epsilon == epsilon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, beta1, beta1Schedule, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "ScheduledAdam(lr=" + (learningRateSchedule != null ? learningRateSchedule : learningRate)
                + ", beta1=" + (beta1Schedule != null ? beta1Schedule : beta1) + ", beta2=" + beta2
                + ", epsilon=" + epsilon + ")";
    }
}
