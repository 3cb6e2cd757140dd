package io.github.dl4jrecipes.recipes;

import io.github.dl4jrecipes.core.hardware.FastPath;
import io.github.dl4jrecipes.core.hardware.Backend;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Objects;

/**
 * The DL4J configuration a {@link Recipe} resolves to: a {@link MultiLayerConfiguration} for a
 * stack of layers, or a {@link ComputationGraphConfiguration} for a graph (entity embeddings,
 * residual blocks). Switch on the two records, or ask for the kind you expect:
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = recipe.toConfiguration().multiLayer();   // fails clearly if a graph
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);
 * }</pre>
 */
public sealed interface NetworkConfiguration permits NetworkConfiguration.MultiLayer, NetworkConfiguration.Graph {

    /** Wraps a MultiLayerConfiguration. */
    static NetworkConfiguration of(MultiLayerConfiguration configuration) {
        return new MultiLayer(configuration);
    }

    /** Wraps a ComputationGraphConfiguration. */
    static NetworkConfiguration of(ComputationGraphConfiguration configuration) {
        return new Graph(configuration);
    }

    /** The configuration as DL4J's JSON. */
    String toJson();

    /**
     * A fresh initialised network of this configuration. Enables the oneDNN CPU helpers first
     * ({@link Backend#setUp()}), as every recipe does.
     */
    Model init();

    /** Whether this is a ComputationGraph configuration. */
    default boolean isGraph() {
        return this instanceof Graph;
    }

    /**
     * The MultiLayerConfiguration.
     *
     * @throws IllegalStateException when this is a graph configuration
     */
    default MultiLayerConfiguration multiLayer() {
        if (this instanceof MultiLayer m) {
            return m.configuration();
        }
        throw new IllegalStateException("this recipe resolves to a ComputationGraphConfiguration, not a "
                + "MultiLayerConfiguration; fix: call graph(), or check isGraph() first");
    }

    /**
     * The ComputationGraphConfiguration.
     *
     * @throws IllegalStateException when this is a MultiLayer configuration
     */
    default ComputationGraphConfiguration graph() {
        if (this instanceof Graph g) {
            return g.configuration();
        }
        throw new IllegalStateException("this recipe resolves to a MultiLayerConfiguration, not a "
                + "ComputationGraphConfiguration; fix: call multiLayer(), or check isGraph() first");
    }

    /**
     * A stack of layers.
     *
     * @param configuration the DL4J configuration
     */
    record MultiLayer(MultiLayerConfiguration configuration) implements NetworkConfiguration {

        /** Validates presence. */
        public MultiLayer {
            Objects.requireNonNull(configuration, "configuration");
        }

        @Override
        public String toJson() {
            return configuration.toJson();
        }

        @Override
        public MultiLayerNetwork init() {
            Backend.setUp();
            MultiLayerNetwork net = new MultiLayerNetwork(configuration.clone());
            net.init();
            FastPath.install(net);
            return net;
        }
    }

    /**
     * A computation graph.
     *
     * @param configuration the DL4J configuration
     */
    record Graph(ComputationGraphConfiguration configuration) implements NetworkConfiguration {

        /** Validates presence. */
        public Graph {
            Objects.requireNonNull(configuration, "configuration");
        }

        @Override
        public String toJson() {
            return configuration.toJson();
        }

        @Override
        public ComputationGraph init() {
            Backend.setUp();
            ComputationGraph net = new ComputationGraph(configuration.clone());
            net.init();
            FastPath.install(net);
            return net;
        }
    }
}
