package io.github.dl4jrecipes.core.schedule;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.List;
import java.util.Map;

/**
 * What the hypergradient updaters share: their configuration, and a state that holds the
 * method's arrays ({@code stateNames}) and the adapted learning rate α. Subclasses apply one step.
 *
 * @param <C> the updater's configuration
 */
abstract class HypergradientUpdater<C extends IUpdater> implements GradientUpdater<C>, Hypergradient.Adaptive {
    private final C config;
    private final List<String> stateNames;
    private HypergradientState state;

    HypergradientUpdater(C config, List<String> stateNames, HypergradientState state) {
        this.config = config;
        this.stateNames = stateNames;
        this.state = state;
    }

    @Override
    public final C getConfig() {
        return config;
    }

    @Override
    public final double learningRate() {
        return state.learningRate();
    }

    @Override
    public final void setState(Map<String, INDArray> stateMap, boolean initialize) {
        state = HypergradientState.ofMap(stateNames, stateMap, config.getLearningRate(0, 0), initialize);
    }

    @Override
    public final Map<String, INDArray> getState() {
        return state.asMap();
    }

    @Override
    public final void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
                                        boolean initialize) {
        state = HypergradientState.ofView(stateNames, viewArray, config.getLearningRate(0, 0), initialize);
    }

    /** The state: α and the method's arrays. */
    final HypergradientState state() {
        return state;
    }
}
