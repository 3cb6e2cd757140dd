package io.github.dl4jrecipes.recipes.tabular;

import io.github.dl4jrecipes.core.data.CategoricalEncoding;
import io.github.dl4jrecipes.core.data.ColumnKind;
import io.github.dl4jrecipes.core.data.ColumnSchema;
import io.github.dl4jrecipes.core.data.TabularSchema;
import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.optim.BatchNormBlocks;
import io.github.dl4jrecipes.core.optim.Dropouts;
import io.github.dl4jrecipes.core.task.Task;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the DL4J configurations of a tabular recipe: a MultiLayerConfiguration for one-hot
 * inputs into the MLP, a ComputationGraphConfiguration with one entity embedding per
 * categorical column.
 */
final class TabularNetworks {

    /** Name of the graph's single input. */
    static final String INPUT = "features";
    /** Name of the graph's output layer. */
    static final String OUTPUT = "output";
    /** Name of the vertex that joins embeddings and numeric inputs. */
    static final String MERGED = "merged";

    private TabularNetworks() {
    }

    /**
     * Whether {@code activation} builds the self-normalizing network (SELU: dense layers without
     * batch norm, Klambauer et al., 2017) rather than dense → batch norm → activation blocks.
     */
    static boolean isSelfNormalizing(Activation activation) {
        return activation == Activation.SELU;
    }

    /** The settings both network kinds share. */
    record Spec(TabularSchema schema, Task task, Activation activation, List<Integer> hiddenLayers, double dropout,
            double weightDecay, IUpdater updater, long seed) {
    }

    static MultiLayerConfiguration multiLayer(Spec spec) {
        NeuralNetConfiguration.ListBuilder list = base(spec).list();
        hiddenLayers(spec).forEach(list::layer);
        return list.layer(head(spec)).setInputType(InputType.feedForward(spec.schema().numInputs())).build();
    }

    /**
     * Single input (the one-hot encoded row), sliced by column: each categorical column's one-hot
     * block goes through its own entity embedding, a bias-free linear layer of
     * {@link TabularRules#embeddingSize} units (Guo &amp; Berkhahn, 2016, define the embedding as
     * exactly that layer on the one-hot vector; it equals a table look-up), each run of numeric
     * inputs passes as is; all are merged and feed the MLP. DL4J's {@code EmbeddingLayer} cannot
     * be used here: it passes no gradient back, and the slicing vertex in front of it then fails
     * ("Cannot do backward pass: error not set").
     */
    static ComputationGraphConfiguration graph(Spec spec) {
        ComputationGraphConfiguration.GraphBuilder graph = base(spec).graphBuilder().addInputs(INPUT);
        List<String> parts = new ArrayList<>();
        int merged = 0;
        int offset = 0;
        int numericStart = -1;
        List<ColumnSchema> features = spec.schema().features();
        for (int c = 0; c < features.size(); c++) {
            ColumnSchema column = features.get(c);
            int width = column.width(CategoricalEncoding.ONE_HOT);
            if (column.kind() == ColumnKind.NUMERIC) {
                numericStart = numericStart < 0 ? offset : numericStart;
                merged += width;
            } else {
                if (numericStart >= 0) {
                    parts.add(numericRun(graph, parts.size(), numericStart, offset - 1));
                    numericStart = -1;
                }
                String slice = "column" + c;
                String embedding = "embedding" + c + "_" + safe(column.name());
                graph.addVertex(slice, new SubsetVertex(offset, offset + width - 1), INPUT);
                int size = TabularRules.embeddingSize(column.cardinality());
                merged += size;
                graph.addLayer(embedding, new DenseLayer.Builder().nIn(width).nOut(size).activation(Activation.IDENTITY)
                        .weightInit(WeightInits.forActivation(Activation.IDENTITY)).hasBias(false).build(), slice);
                parts.add(embedding);
            }
            offset += width;
        }
        if (numericStart >= 0) {
            parts.add(numericRun(graph, parts.size(), numericStart, offset - 1));
        }
        graph.addVertex(MERGED, new MergeVertex(), parts.toArray(String[]::new));
        String previous = MERGED;
        // nIn set by hand, layer by layer
        long width = merged;
        List<Layer> layers = hiddenLayers(spec);
        for (int i = 0; i < layers.size(); i++) {
            String name = "hidden" + i;
            if (layers.get(i) instanceof FeedForwardLayer layer) {
                layer.setNIn(width);
                if (layer.getNOut() == 0) {
                    layer.setNOut(width);
                }
                width = layer.getNOut();
            }
            graph.addLayer(name, layers.get(i), previous);
            previous = name;
        }
        OutputLayer head = head(spec);
        head.setNIn(width);
        return graph.addLayer(OUTPUT, head, previous).setOutputs(OUTPUT).build();
    }

    private static String numericRun(ComputationGraphConfiguration.GraphBuilder graph, int part, int from, int to) {
        String name = "numeric" + part;
        graph.addVertex(name, new SubsetVertex(from, to), INPUT);
        return name;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static NeuralNetConfiguration.Builder base(Spec spec) {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder().seed(spec.seed())
                .updater(spec.updater());
        return spec.weightDecay() > 0 ? builder.weightDecay(spec.weightDecay()) : builder;
    }

    /** The hidden layers in order; dropout sits on the input of every hidden layer after the first. */
    private static List<Layer> hiddenLayers(Spec spec) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < spec.hiddenLayers().size(); i++) {
            int width = spec.hiddenLayers().get(i);
            List<Layer> block = isSelfNormalizing(spec.activation())
                    ? List.of(new DenseLayer.Builder().nOut(width).activation(spec.activation())
                            .weightInit(WeightInits.forActivation(spec.activation())).build())
                    : BatchNormBlocks.dense(width, spec.activation());
            if (i > 0) {
                block.get(0).setIDropout(dropout(spec));
            }
            layers.addAll(block);
        }
        return layers;
    }

    private static OutputLayer head(Spec spec) {
        OutputLayer head = spec.task().outputLayer();
        head.setIDropout(dropout(spec));
        return head;
    }

    private static IDropout dropout(Spec spec) {
        if (spec.dropout() == 0) {
            return null;
        }
        return Dropouts.forActivation(spec.activation(), spec.dropout());
    }
}
