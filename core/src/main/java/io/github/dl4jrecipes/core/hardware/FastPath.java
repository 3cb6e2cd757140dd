package io.github.dl4jrecipes.core.hardware;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The run-time half of the CPU fast path, for a network after {@code init()}: {@link FastBatchNorm}'s
 * batch-norm helper and {@link FastRelu}'s ReLU backward pass. Neither touches the network's
 * configuration (a saved model stays plain DL4J), so both are installed again after loading or copying
 * a network. Every recipe calls this; users of plain DL4J can call it after {@code init()}. Each part
 * has its own switch ({@value FastBatchNorm#SWITCH_PROPERTY}, {@value #FAST_RELU_PROPERTY}).
 */
public final class FastPath {
    /** The ReLU part's switch: set to {@code false} to keep DL4J's {@code relu_bp} backward pass. */
    public static final String FAST_RELU_PROPERTY = "dl4j.recipes.fastRelu";

    private FastPath() {
    }

    /**
     * Installs both parts in {@code network}.
     *
     * @param network a {@link MultiLayerNetwork} or {@link ComputationGraph} after {@code init()}
     * @return how many layers changed (0 for other models, on a GPU, or with both switches off)
     */
    public static int install(Model network) {
        int changed = FastBatchNorm.install(network);
        if (!FastRelu.enabled()) {
            return changed;
        }
        for (Layer layer : layersOf(network)) {
            if (FastRelu.install(unwrapped(layer))) {
                changed++;
            }
        }
        return changed;
    }

    /** Whether {@link #install} gives ReLU activation layers the faster backward pass. */
    public static boolean fastReluEnabled() {
        return FastRelu.enabled();
    }

    static Layer[] layersOf(Model network) {
        return network instanceof MultiLayerNetwork mln ? mln.getLayers()
                : network instanceof ComputationGraph graph ? graph.getLayers() : new Layer[0];
    }

    static Layer unwrapped(Layer layer) {
        Layer inner = layer;
        while (inner instanceof BaseWrapperLayer wrapper) {
            inner = wrapper.getUnderlying();
        }
        return inner;
    }
}
