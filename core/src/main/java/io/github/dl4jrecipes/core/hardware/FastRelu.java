package io.github.dl4jrecipes.core.hardware;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU fast path for the backward pass of ReLU activation layers: {@code dL/dz = dL/da · step(z)}
 * with two of libnd4j's vectorised, multi-threaded element-wise ops (a scalar {@code step}, then a
 * multiply) in place of its {@code relu_bp} custom op, which runs a scalar lambda per element: 9–10 ms
 * against about 1 ms for the forward ReLU on a {@code [64, 32, 28, 28]} activation on this project's
 * 2-core machine (a micro-benchmark; end to end, {@code bench/RESULTS.md}'s throughput rows with it
 * off give 1.06× on {@code small()} and 1.02× on {@code resnet()}). The gradient is the same (0 where
 * {@code z ≤ 0}, the incoming gradient elsewhere), except that a non-finite incoming gradient at
 * {@code z ≤ 0} gives NaN instead of 0: training had diverged already.
 *
 * <p>Only {@link ActivationLayer}s with DL4J's plain ReLU (no threshold, slope or cap) change, and only
 * at run time: the layer object gets its own copy of its configuration with this function, while the
 * network's configuration, which is what a saved model holds, keeps DL4J's {@link ActivationReLU}.
 * Like {@link FastBatchNorm} it is installed again after loading or copying a network, by
 * {@link FastPath#install}. Opt out with {@code -D}{@value FastPath#FAST_RELU_PROPERTY}{@code =false}.
 */
final class FastRelu extends ActivationReLU {
    private static final FastRelu INSTANCE = new FastRelu();

    private FastRelu() {
    }

    /** Whether {@link #install(Layer)} changes layers: a CPU backend and the switch not off. */
    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(FastPath.FAST_RELU_PROPERTY, "true"))
                && Nd4j.getEnvironment().isCPU();
    }

    /**
     * Gives {@code layer} this backward pass when it is an activation layer with DL4J's plain ReLU.
     *
     * @return whether the layer changed
     */
    static boolean install(Layer layer) {
        if (!(layer instanceof ActivationLayer) || !isPlainRelu(activationOf(layer.conf()))) {
            return false;
        }
        NeuralNetConfiguration own = layer.conf().clone();
        ((org.deeplearning4j.nn.conf.layers.ActivationLayer) own.getLayer()).setActivationFn(INSTANCE);
        layer.setConf(own);
        return true;
    }

    private static IActivation activationOf(NeuralNetConfiguration conf) {
        return ((org.deeplearning4j.nn.conf.layers.ActivationLayer) conf.getLayer()).getActivationFn();
    }

    /** DL4J's ReLU without threshold, negative slope or cap: the function {@code relu_bp} serves. */
    static boolean isPlainRelu(IActivation activation) {
        return activation != null && activation.getClass() == ActivationReLU.class
                && activation instanceof ActivationReLU relu
                && (relu.getMax() == null || relu.getMax() == 0.0)
                && relu.getThreshold() == null && relu.getNegativeSlope() == null;
    }

    /** {@code in} becomes {@code step(in) · epsilon} and is returned, as DL4J's own activations do in place. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Nd4j.exec(new Step(in, in, 0.0));
        in.muli(epsilon);
        return new Pair<>(in, null);
    }
}
