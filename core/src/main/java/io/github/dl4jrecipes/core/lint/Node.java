package io.github.dl4jrecipes.core.lint;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.ArrayList;
import java.util.List;

/** A layer (or other vertex) of a network seen as a graph: what feeds it and what it feeds. */
final class Node {

    final String name;
    /** The layer configuration, or null for a non-layer vertex (merge, element-wise, ...). */
    final Layer layer;
    /** The graph vertex when it is not a layer (merge, element-wise, ...); null for layers and inputs. */
    final GraphVertex vertex;
    final List<Node> inputs = new ArrayList<>();
    final List<Node> consumers = new ArrayList<>();

    Node(String name, Layer layer, GraphVertex vertex) {
        this.name = name;
        this.layer = layer;
        this.vertex = vertex;
    }

    String label() {
        return name + " (" + (layer == null ? "vertex" : layer.getClass().getSimpleName()) + ")";
    }

    static void connect(Node from, Node to) {
        from.consumers.add(to);
        to.inputs.add(from);
    }
}
