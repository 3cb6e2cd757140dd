package io.github.dl4jrecipes.core.schedule;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.Map;

/** The {@link GradientUpdater} of {@link HypergradientSgd}: SGD-HD, α and the previous gradient in the state. */
public final class HypergradientSgdUpdater implements GradientUpdater<HypergradientSgd>, Hypergradient.Adaptive {

    private final HypergradientSgd config;
    private HypergradientState state;

    HypergradientSgdUpdater(HypergradientSgd config, HypergradientState state) {
        this.config = config;
        this.state = state;
    }

    @Override
    public HypergradientSgd getConfig() {
        return config;
    }

    @Override
    public double learningRate() {
        return state.learningRate();
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        state = HypergradientState.ofMap(HypergradientSgd.STATE, stateMap, config.getLearningRate(0, 0), initialize);
    }

    @Override
    public Map<String, INDArray> getState() {
        return state.asMap();
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        state = HypergradientState.ofView(HypergradientSgd.STATE, viewArray, config.getLearningRate(0, 0), initialize);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray g = HypergradientState.flat(gradient);
        INDArray previous = state.array(0, g.length());
        state.learningRate(state.learningRate() + config.hyperLearningRate() * Hypergradient.dot(g, previous));
        previous.assign(g);
        HypergradientState.write(gradient, g.mul(state.learningRate()));
    }
}
