package io.github.dl4jrecipes.core.schedule;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/** The {@link GradientUpdater} of {@link HypergradientAdam}: Adam-HD, with m, v, the previous direction and α in the state. */
public final class HypergradientAdamUpdater implements GradientUpdater<HypergradientAdam>, Hypergradient.Adaptive {

    private final HypergradientAdam config;
    private HypergradientState state;

    HypergradientAdamUpdater(HypergradientAdam config, HypergradientState state) {
        this.config = config;
        this.state = state;
    }

    @Override
    public HypergradientAdam getConfig() {
        return config;
    }

    @Override
    public double learningRate() {
        return state.learningRate();
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        state = HypergradientState.ofMap(HypergradientAdam.STATE, stateMap, config.getLearningRate(0, 0), initialize);
    }

    @Override
    public Map<String, INDArray> getState() {
        return state.asMap();
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        state = HypergradientState.ofView(HypergradientAdam.STATE, viewArray, config.getLearningRate(0, 0), initialize);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray g = HypergradientState.flat(gradient);
        long n = g.length();
        INDArray m = state.array(0, n);
        INDArray v = state.array(1, n);
        INDArray direction = state.array(2, n);
        state.learningRate(state.learningRate() + config.hyperLearningRate() * Hypergradient.dot(g, direction));
        double beta1 = config.beta1();
        double beta2 = config.beta2();
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        double step = iteration + 1.0;
        INDArray mHat = m.div(1 - Math.pow(beta1, step));
        INDArray vHat = v.div(1 - Math.pow(beta2, step));
        direction.assign(mHat.divi(Transforms.sqrt(vHat, false).addi(config.epsilon())));
        HypergradientState.write(gradient, direction.mul(state.learningRate()));
    }
}
