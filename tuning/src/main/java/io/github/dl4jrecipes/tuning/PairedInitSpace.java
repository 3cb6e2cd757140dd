package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.init.WeightInits;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.adapter.ParameterSpaceAdapter;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

import java.util.Objects;

/**
 * The weight initialisation derived from an activation space: it has no coordinate of its own, it
 * reads the activation's and maps it with {@link WeightInits#forActivation}. Pass the same
 * activation space to the layer's {@code activation(..)} and this to its {@code weightInit(..)}:
 * every candidate then pairs them, however the activation is sampled.
 */
final class PairedInitSpace extends ParameterSpaceAdapter<Activation, WeightInit> {

    private final ParameterSpace<Activation> activation;

    PairedInitSpace(ParameterSpace<Activation> activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    @Override
    protected WeightInit convertValue(Activation from) {
        return WeightInits.forActivation(from);
    }

    @Override
    protected ParameterSpace<Activation> underlying() {
        return activation;
    }

    @Override
    protected String underlyingName() {
        return "activation";
    }

    @Override
    public String toString() {
        return "PairedInit(" + activation + ")";
    }
}
