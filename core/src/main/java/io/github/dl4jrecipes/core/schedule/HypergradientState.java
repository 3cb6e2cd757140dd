package io.github.dl4jrecipes.core.schedule;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a hypergradient updater: {@code arrays.size()} arrays the size of the parameters
 * (the last one the previous step's direction, which the hypergradient needs) and the current
 * learning rate α. In DL4J's one state view array α is the last element: DL4J sizes a block's
 * view as the sum over its k parameter variables of {@link #size(int, long) arrays·n + 1}, that
 * is arrays·N + k for N parameters, and N is only known from the first gradient, so the arrays
 * are bound then (the k − 1 elements between them and α stay zero). α lives in the view, so a
 * saved updater state resumes exactly.
 */
final class HypergradientState {

    /** Name of the learning-rate entry of {@link #asMap()}: a one-element array. */
    static final String LR_STATE = "LR";

    private final List<String> names;
    private final INDArray flat;
    private final INDArray lr;
    private INDArray[] arrays;

    private HypergradientState(List<String> names, INDArray flat, INDArray lr, INDArray[] arrays) {
        this.names = names;
        this.flat = flat;
        this.lr = lr;
        this.arrays = arrays;
    }

    /** State elements for {@code numParams} parameters with {@code arrays} parameter-sized arrays. */
    static long size(int arrays, long numParams) {
        return arrays * numParams + 1;
    }

    /** Views DL4J's state array; when {@code initialize}, zeroes it and sets α to {@code initialLr}. */
    static HypergradientState ofView(List<String> names, INDArray viewArray, double initialLr, boolean initialize) {
        INDArray flat = viewArray.reshape(viewArray.length());
        if (flat.length() < names.size() + 1) {
            throw new IllegalStateException("hypergradient state of " + flat.length() + " elements cannot hold "
                    + names + " and the learning rate; DL4J sizes it through stateSize(numParams)");
        }
        INDArray lr = flat.get(NDArrayIndex.interval(flat.length() - 1, flat.length()));
        if (initialize) {
            flat.assign(0);
            lr.assign(initialLr);
        }
        return new HypergradientState(names, flat, lr, null);
    }

    /** The state from named arrays ({@code names} and {@link #LR_STATE}); when {@code initialize}, resets them. */
    static HypergradientState ofMap(List<String> names, Map<String, INDArray> state, double initialLr,
            boolean initialize) {
        List<String> expected = new ArrayList<>(names);
        expected.add(LR_STATE);
        if (!state.keySet().equals(new HashSet<>(expected)) || state.get(LR_STATE).length() != 1) {
            throw new IllegalStateException("hypergradient state must hold exactly the arrays " + expected + " ("
                    + LR_STATE + " of one element), got " + state.keySet() + "; restore it from the same updater");
        }
        INDArray[] arrays = names.stream().map(state::get).toArray(INDArray[]::new);
        if (initialize) {
            Arrays.stream(arrays).forEach(a -> a.assign(0));
            state.get(LR_STATE).assign(initialLr);
        }
        return new HypergradientState(names, null, state.get(LR_STATE), arrays);
    }

    /** The {@code index}-th parameter-sized array, bound to a gradient of {@code numParams} elements. */
    INDArray array(int index, long numParams) {
        if (arrays == null) {
            long needed = names.size() * numParams + 1;
            if (needed > flat.length()) {
                throw new IllegalStateException("hypergradient state of " + flat.length() + " elements is too small for "
                        + numParams + " parameters (" + needed + " needed); DL4J sizes it through stateSize(numParams)");
            }
            arrays = new INDArray[names.size()];
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = flat.get(NDArrayIndex.interval(i * numParams, (i + 1) * numParams));
            }
        }
        if (arrays[index].length() != numParams) {
            throw new IllegalStateException("hypergradient state holds " + arrays[index].length() + " parameters, the "
                    + "gradient has " + numParams);
        }
        return arrays[index];
    }

    /** The current learning rate α. */
    double learningRate() {
        return lr.getDouble(0);
    }

    /** Stores α (in the state's data type: what is saved is what resumes). */
    void learningRate(double value) {
        lr.putScalar(0, value);
    }

    /**
     * The named arrays and {@link #LR_STATE}.
     *
     * @throws IllegalStateException before the first update of a view-backed state (its arrays are bound then)
     */
    Map<String, INDArray> asMap() {
        if (arrays == null) {
            throw new IllegalStateException("hypergradient state arrays are bound at the first update (their size is "
                    + "the gradient's); read the state view array before that");
        }
        Map<String, INDArray> map = new LinkedHashMap<>();
        for (int i = 0; i < arrays.length; i++) {
            map.put(names.get(i), arrays[i]);
        }
        map.put(LR_STATE, lr);
        return map;
    }

    /** A gradient as a flat vector (a view where DL4J's layout allows). */
    static INDArray flat(INDArray gradient) {
        return gradient.reshape(gradient.ordering(), new long[]{gradient.length()});
    }

    /** Writes {@code update} (flat) into {@code gradient}, which DL4J subtracts from the parameters. */
    static void write(INDArray gradient, INDArray update) {
        gradient.assign(update.reshape(gradient.ordering(), gradient.shape()));
    }
}
