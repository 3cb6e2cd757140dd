package io.github.dl4jrecipes.core.lint;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns both DL4J configuration kinds into a list of {@link Node}s in forward order. */
final class Networks {

    private Networks() {
    }

    static List<Node> of(MultiLayerConfiguration conf) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() != null ? layer.getLayerName() : "layer" + i;
            Node node = new Node(name, layer, null);
            if (i > 0) {
                Node.connect(nodes.get(i - 1), node);
            }
            nodes.add(node);
        }
        return nodes;
    }

    static List<Node> of(ComputationGraphConfiguration conf) {
        Map<String, Node> byName = new LinkedHashMap<>();
        for (String input : conf.getNetworkInputs()) {
            byName.put(input, new Node(input, null, null));
        }
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            Layer layer = e.getValue() instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
            byName.put(e.getKey(), new Node(e.getKey(), layer, layer == null ? e.getValue() : null));
        }
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            Node to = byName.get(e.getKey());
            for (String from : e.getValue()) {
                Node.connect(byName.get(from), to);
            }
        }
        return topological(byName, conf.getNetworkInputs());
    }

    private static List<Node> topological(Map<String, Node> byName, List<String> inputs) {
        List<Node> order = new ArrayList<>();
        Map<Node, Integer> pending = new LinkedHashMap<>();
        byName.values().forEach(n -> pending.put(n, n.inputs.size()));
        List<Node> ready = new ArrayList<>();
        inputs.forEach(name -> ready.add(byName.get(name)));
        while (!ready.isEmpty()) {
            Node n = ready.remove(0);
            order.add(n);
            for (Node c : n.consumers) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        return order;
    }
}
