package io.github.dl4jrecipes.core.schedule;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The {@link GradientUpdater} of {@link HypergradientAdam}: Adam-HD, with m, v, the previous direction and α in the state. */
public final class HypergradientAdamUpdater extends HypergradientUpdater<HypergradientAdam> {

    HypergradientAdamUpdater(HypergradientAdam config, HypergradientState state) {
        super(config, HypergradientAdam.STATE, state);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray g = HypergradientState.flat(gradient);
        long n = g.length();
        INDArray m = state().array(0, n);
        INDArray v = state().array(1, n);
        INDArray direction = state().array(2, n);
        state().learningRate(state().learningRate() + getConfig().hyperLearningRate() * Hypergradient.dot(g, direction));
        double beta1 = getConfig().beta1();
        double beta2 = getConfig().beta2();
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        double step = iteration + 1.0;
        INDArray mHat = m.div(1 - Math.pow(beta1, step));
        INDArray vHat = v.div(1 - Math.pow(beta2, step));
        direction.assign(mHat.divi(Transforms.sqrt(vHat, false).addi(getConfig().epsilon())));
        HypergradientState.write(gradient, direction.mul(state().learningRate()));
    }
}
