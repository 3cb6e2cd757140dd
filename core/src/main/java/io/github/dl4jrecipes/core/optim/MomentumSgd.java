package io.github.dl4jrecipes.core.optim;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * SGD with classical (heavy-ball) momentum, which ND4J lacks (it only has Nesterov):
 * {@code v ← μ·v − lr·g; θ ← θ + v} (Polyak, 1964; Sutskever et al., 2013). One state array
 * {@code V} the size of the parameters. The momentum may follow a schedule (1cycle).
 *
 * <pre>{@code
 * builder.updater(MomentumSgd.of(0.01));                      // μ = 0.9
 * builder.updater(MomentumSgd.of(oneCycle).withMomentum(oneCycle.momentum()));
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed. Mutable only through
 * {@link #setLrAndSchedule(double, ISchedule)}, as DL4J's {@code IUpdater} contract requires.
 */
public final class MomentumSgd implements IUpdater {

    private static final long serialVersionUID = 1L;

    /** Name of the velocity state array. */
    public static final String V_STATE = "V";

    @JsonProperty("learningRate")
    private double learningRate;
    @JsonProperty("learningRateSchedule")
    private ISchedule learningRateSchedule;
    @JsonProperty("momentum")
    private final double momentum;
    @JsonProperty("momentumSchedule")
    private final ISchedule momentumSchedule;

    @JsonCreator
    private MomentumSgd(@JsonProperty("learningRate") double learningRate,
                        @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                        @JsonProperty("momentum") double momentum,
                        @JsonProperty("momentumSchedule") ISchedule momentumSchedule) {
        if (learningRateSchedule == null) {
            checkLearningRate(learningRate);
        }
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
        this.momentum = checkMomentum("momentum", momentum);
        this.momentumSchedule = momentumSchedule;
    }

    /** @return momentum SGD with a fixed LR and momentum {@link Optimizer#DEFAULT_MOMENTUM} */
    public static MomentumSgd of(double learningRate) {
        return new MomentumSgd(learningRate, null, Optimizer.DEFAULT_MOMENTUM, null);
    }

    /** @return momentum SGD whose LR follows {@code learningRate}, momentum {@link Optimizer#DEFAULT_MOMENTUM} */
    public static MomentumSgd of(ISchedule learningRate) {
        return new MomentumSgd(Double.NaN, Objects.requireNonNull(learningRate, "learningRate"),
                Optimizer.DEFAULT_MOMENTUM, null);
    }

    /** @return a copy with a constant momentum in [0, 1) */
    public MomentumSgd withMomentum(double momentum) {
        return new MomentumSgd(learningRate, learningRateSchedule, momentum, null);
    }

    /** @return a copy whose momentum follows {@code momentum} (values in [0, 1)) */
    public MomentumSgd withMomentum(ISchedule momentum) {
        return new MomentumSgd(learningRate, learningRateSchedule, this.momentum,
                Objects.requireNonNull(momentum, "momentum"));
    }

    /** @return the learning-rate schedule, or null for a fixed rate (named as ND4J's updaters name it) */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    /** @return the momentum in effect at a step */
    public double momentumAt(int iteration, int epoch) {
        return momentumSchedule == null ? momentum
                : checkMomentum("momentum schedule value at iteration " + iteration, momentumSchedule.valueAt(iteration, epoch));
    }

    private static double checkMomentum(String name, double value) {
        return Args.belowOne(name, value, "use " + Optimizer.DEFAULT_MOMENTUM);
    }

    private static void checkLearningRate(double lr) {
        Args.positive("learningRate", lr, "use " + OptimizerKind.MOMENTUM.defaultLearningRate());
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<MomentumSgd> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Velocity updater = new Velocity(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, flat.shape(), flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater<MomentumSgd> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Velocity updater = new Velocity(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public MomentumSgd clone() {
        return new MomentumSgd(learningRate, learningRateSchedule, momentum, momentumSchedule);
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
            checkLearningRate(lr);
        }
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MomentumSgd s && Double.compare(s.learningRate, learningRate) == 0
                && Objects.equals(s.learningRateSchedule, learningRateSchedule) && s.momentum == momentum
                && Objects.equals(s.momentumSchedule, momentumSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, momentum, momentumSchedule);
    }

    @Override
    public String toString() {
        return "MomentumSgd(lr=" + (learningRateSchedule != null ? learningRateSchedule : learningRate)
                + ", momentum=" + (momentumSchedule != null ? momentumSchedule : momentum) + ")";
    }

    /** The gradient updater: keeps the velocity {@code V}. */
    static final class Velocity implements GradientUpdater<MomentumSgd> {

        private final MomentumSgd config;
        private INDArray v;

        Velocity(MomentumSgd config) {
            this.config = config;
        }

        @Override
        public MomentumSgd getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            if (stateMap.size() != 1 || !stateMap.containsKey(V_STATE)) {
                throw new IllegalStateException("MomentumSgd state must hold exactly the array " + V_STATE + ", got "
                        + stateMap.keySet() + "; restore it from a MomentumSgd updater state");
            }
            v = stateMap.get(V_STATE);
            if (initialize) {
                v.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(V_STATE, v);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            v = viewArray;
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            double mu = config.momentumAt(iteration, epoch);
            INDArray g = gradient.reshape(gradient.ordering(), v.shape());
            v.muli(mu).subi(g.mul(lr));
            // DL4J subtracts the update from the parameters: θ − (−v) = θ + v
            gradient.assign(v.neg().reshape(gradient.ordering(), gradient.shape()));
        }
    }
}
