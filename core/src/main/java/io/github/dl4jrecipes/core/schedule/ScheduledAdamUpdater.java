package io.github.dl4jrecipes.core.schedule;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link GradientUpdater} of {@link ScheduledAdam}: Adam's update with the β1 of the current
 * step. State: {@code M} then {@code V} in one view array, as ND4J's {@code AdamUpdater}.
 */
public final class ScheduledAdamUpdater implements GradientUpdater<ScheduledAdam> {

    private static final char FORTRAN_ORDER = 'f';

    private final ScheduledAdam config;
    private INDArray m;
    private INDArray v;
    private char gradientReshapeOrder;

    ScheduledAdamUpdater(ScheduledAdam config) {
        this.config = config;
    }

    @Override
    public ScheduledAdam getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (!stateMap.containsKey(ScheduledAdam.M_STATE) || !stateMap.containsKey(ScheduledAdam.V_STATE)
                || stateMap.size() != 2) {
            throw new IllegalStateException("ScheduledAdam state must hold exactly the arrays " + ScheduledAdam.M_STATE
                    + " and " + ScheduledAdam.V_STATE + ", got " + stateMap.keySet()
                    + "; restore it from a ScheduledAdam or Adam updater state");
        }
        m = stateMap.get(ScheduledAdam.M_STATE);
        v = stateMap.get(ScheduledAdam.V_STATE);
        if (initialize) {
            m.assign(0);
            v.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> state = new HashMap<>();
        state.put(ScheduledAdam.M_STATE, m);
        state.put(ScheduledAdam.V_STATE, v);
        return state;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        INDArray flat = viewArray.reshape(viewArray.length());
        long half = flat.length() / 2;
        gradientReshapeOrder = gradientOrder;
        m = asGradientShape(flat.get(NDArrayIndex.interval(0, half)), gradientShape);
        v = asGradientShape(flat.get(NDArrayIndex.interval(half, flat.length())), gradientShape);
    }

    private INDArray asGradientShape(INDArray view, long[] gradientShape) {
        INDArray shaped = Shape.newShapeNoCopy(view, gradientShape, gradientReshapeOrder == FORTRAN_ORDER);
        if (shaped == null) {
            throw new IllegalStateException("cannot view ScheduledAdam state of length " + view.length()
                    + " as gradient shape " + Arrays.toString(gradientShape) + " without a copy");
        }
        return shaped;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null || v == null) {
            throw new IllegalStateException("ScheduledAdam state is not set; DL4J sets it through setStateViewArray");
        }
        double lr = config.getLearningRate(iteration, epoch);
        double beta1 = config.beta1At(iteration, epoch);
        double beta2 = config.beta2();
        // DL4J hands over a [1, n] view, the state is [n]: compute on the state's shape
        INDArray g = gradient.reshape(gradient.ordering(), m.shape());
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        double step = iteration + 1.0;
        double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        INDArray denominator = Transforms.sqrt(v, true).addi(config.epsilon());
        gradient.assign(m.mul(stepSize).divi(denominator).reshape(gradient.ordering(), gradient.shape()));
    }
}
