package io.github.dl4jrecipes.core.schedule;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

/** The {@link GradientUpdater} of {@link HypergradientSgd}: SGD-HD, α and the previous gradient in the state. */
public final class HypergradientSgdUpdater extends HypergradientUpdater<HypergradientSgd> {

    HypergradientSgdUpdater(HypergradientSgd config, HypergradientState state) {
        super(config, HypergradientSgd.STATE, state);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray g = HypergradientState.flat(gradient);
        INDArray previous = state().array(0, g.length());
        state().learningRate(state().learningRate() + getConfig().hyperLearningRate() * Hypergradient.dot(g, previous));
        previous.assign(g);
        HypergradientState.write(gradient, g.mul(state().learningRate()));
    }
}
