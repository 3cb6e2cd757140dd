package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.schedule.Hypergradient;
import io.github.dl4jrecipes.core.train.internal.ModelZip;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One view of a {@link MultiLayerNetwork} or a single-input, single-output
 * {@link ComputationGraph}, so that the training loop, checkpoints, evaluation, pruning, the
 * recipes and the tuners are written once, without {@code instanceof} ladders.
 *
 * <pre>{@code
 * Net net = Net.of(model);                 // either kind
 * INDArray probabilities = net.output(features);
 * long classes = net.outputSize();
 * }</pre>
 */
public sealed interface Net permits Net.Mln, Net.Graph {

    /**
     * Wraps a network.
     *
     * @throws IllegalArgumentException for a model that is neither kind, or a graph with more
     *                                  than one input or output
     */
    static Net of(Model model) {
        if (model instanceof MultiLayerNetwork mln) {
            return new Mln(mln);
        }
        if (model instanceof ComputationGraph graph) {
            int inputs = graph.getConfiguration().getNetworkInputs().size();
            int outputs = graph.getConfiguration().getNetworkOutputs().size();
            if (inputs != 1 || outputs != 1) {
                throw new IllegalArgumentException("network: a ComputationGraph with " + inputs
                        + " inputs and " + outputs + " outputs cannot be trained from a "
                        + "DataSetIterator; use one input and one output.");
            }
            return new Graph(graph);
        }
        throw new IllegalArgumentException("network must be a MultiLayerNetwork or a "
                + "ComputationGraph, got " + (model == null ? "null" : model.getClass().getName()) + ".");
    }

    /**
     * Restores a network saved by {@link #save}, of the given kind.
     *
     * @param kind        {@link #kind()} of the saved network
     * @param zip         the file
     * @param withUpdater whether to load the updater state too
     */
    static Net restore(String kind, Path zip, boolean withUpdater) throws IOException {
        return ModelZip.read(zip, kind, withUpdater).net();
    }

    /** The wrapped DL4J model. */
    Model model();

    /** "MultiLayerNetwork" or "ComputationGraph". */
    String kind();

    /** One training step on one minibatch. */
    void fit(DataSet batch);

    /** One epoch over an iterator, as DL4J's own {@code fit(DataSetIterator)}. */
    void fit(DataSetIterator data);

    /** Runs DL4J's evaluation over an iterator, in inference mode, and returns it filled. */
    <T extends IEvaluation<?>> T evaluate(DataSetIterator data, T evaluation);

    /**
     * The data loss on a minibatch in inference mode: DL4J's score less the regularization term
     * (L1/L2/weight decay) it adds, so the number is comparable across regularization settings.
     */
    default double score(DataSet batch) {
        return rawScore(batch) - regularizationScore();
    }

    /**
     * The data loss of the last training step: DL4J's score less the regularization term, taken at
     * the updated parameters (one step later than DL4J's; a difference of one update's size).
     */
    default double lastTrainingLoss() {
        return DataLoss.ofLastStep(model());
    }

    /** DL4J's score of a minibatch in inference mode: data loss plus the regularization term. */
    double rawScore(DataSet batch);

    /** The regularization term DL4J adds to the loss, at the current parameters. */
    default double regularizationScore() {
        return DataLoss.regularization(model());
    }

    /** Per-example losses of a minibatch (no regularization term), in inference mode. */
    INDArray scoreExamples(DataSet batch);

    /** The network's output for some features, in inference mode. */
    INDArray output(INDArray features);

    /** The number of outputs of the output layer. */
    long outputSize();

    /** The output layer (the graph's single output). */
    Layer outputLayer();

    /** The configuration's iteration counter (drives schedules). */
    int iterationCount();

    /** The configuration's epoch counter (drives schedules). */
    int epochCount();

    /** Sets both counters, as when resuming. */
    void setCounts(int iterationCount, int epochCount);

    /** Adds one to the epoch counter. */
    void incrementEpochCount();

    /** The updater state view (created if needed); null when the updater keeps no state. */
    INDArray updaterState();

    /** The listeners attached now. */
    Collection<TrainingListener> listeners();

    /** Replaces the attached listeners. */
    void setListeners(Collection<TrainingListener> listeners);

    /** The layers in order. */
    Layer[] layers();

    /** The seed in the network's configuration. */
    long seed();

    /** The configuration as DL4J JSON. */
    String configurationJson();

    /**
     * The learning rate of the first layer that has one, at the current counters (for a
     * hypergradient updater, the rate it has adapted to: {@link Hypergradient#learningRates}); NaN if none.
     */
    default double learningRate() {
        List<Double> adapted = Hypergradient.learningRates(model());
        if (!adapted.isEmpty()) {
            return adapted.get(0);
        }
        for (Layer layer : layers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base) {
                IUpdater updater = base.getIUpdater();
                if (updater != null && updater.hasLearningRate()) {
                    return updater.getLearningRate(iterationCount(), epochCount());
                }
            }
        }
        return Double.NaN;
    }

    /** Layer type and parameter shapes, in order: two networks with equal maps are compatible. */
    default Map<String, String> architecture() {
        Map<String, String> arch = new LinkedHashMap<>();
        arch.put("kind", kind());
        for (Layer layer : layers()) {
            String name = layer.conf().getLayer().getLayerName();
            arch.put(name == null ? "layer " + layer.getIndex() : name,
                    layer.conf().getLayer().getClass().getSimpleName());
        }
        model().paramTable().forEach((k, v) -> arch.put(k, java.util.Arrays.toString(v.shape())));
        return arch;
    }

    /** A one-line summary per layer: type, activation, number of parameters. */
    default List<String> layerSummary() {
        List<String> summary = new ArrayList<>();
        for (Layer layer : layers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            String activation = conf instanceof BaseLayer base && base.getActivationFn() != null
                    ? ", " + base.getActivationFn() : "";
            summary.add(conf.getClass().getSimpleName() + activation + ", " + layer.numParams() + " params");
        }
        return summary;
    }

    /**
     * Saves the network, its updater state and the normalizer (may be null) as a {@link ModelZip}.
     */
    default void save(Path zip, Normalizer<?> normalizer) throws IOException {
        ModelZip.write(zip, this, normalizer, Map.of());
    }

    /** A {@link MultiLayerNetwork}. */
    record Mln(MultiLayerNetwork net) implements Net {
        /** The kind name stored in cards and checkpoints. */
        public static final String KIND = "MultiLayerNetwork";

        @Override public Model model() { return net; }
        @Override public String kind() { return KIND; }
        @Override public void fit(DataSet batch) { net.fit(batch); }
        @Override public void fit(DataSetIterator data) { net.fit(data); }
        @Override public <T extends IEvaluation<?>> T evaluate(DataSetIterator data, T e) { return net.doEvaluation(data, e)[0]; }
        @Override public double rawScore(DataSet batch) { return net.score(batch, false); }
        @Override public INDArray scoreExamples(DataSet batch) { return net.scoreExamples(batch, false); }
        @Override public INDArray output(INDArray features) { return net.output(features, false); }
        @Override public long outputSize() { return net.layerSize(net.getnLayers() - 1); }
        @Override public Layer outputLayer() { return net.getOutputLayer(); }
        @Override public int iterationCount() { return net.getIterationCount(); }
        @Override public int epochCount() { return net.getEpochCount(); }
        @Override public void incrementEpochCount() { net.incrementEpochCount(); }
        @Override public Collection<TrainingListener> listeners() { return net.getListeners(); }
        @Override public void setListeners(Collection<TrainingListener> l) { net.setListeners(l); }
        @Override public Layer[] layers() { return net.getLayers(); }
        @Override public long seed() { return net.getLayerWiseConfigurations().getConf(0).getSeed(); }
        @Override public String configurationJson() { return net.getLayerWiseConfigurations().toJson(); }

        @Override
        public void setCounts(int iterationCount, int epochCount) {
            net.getLayerWiseConfigurations().setIterationCount(iterationCount);
            net.getLayerWiseConfigurations().setEpochCount(epochCount);
        }

        @Override
        public INDArray updaterState() {
            return net.getUpdater(true) == null ? null : net.getUpdater(true).getStateViewArray();
        }
    }

    /** A single-input, single-output {@link ComputationGraph}. */
    record Graph(ComputationGraph net) implements Net {
        /** The kind name stored in cards and checkpoints. */
        public static final String KIND = "ComputationGraph";

        @Override public Model model() { return net; }
        @Override public String kind() { return KIND; }
        @Override public void fit(DataSet batch) { net.fit(batch); }
        @Override public void fit(DataSetIterator data) { net.fit(data); }
        @Override public <T extends IEvaluation<?>> T evaluate(DataSetIterator data, T e) { return net.doEvaluation(data, e)[0]; }
        @Override public double rawScore(DataSet batch) { return net.score(batch, false); }
        @Override public INDArray scoreExamples(DataSet batch) { return net.scoreExamples(batch, false); }
        @Override public INDArray output(INDArray features) { return net.outputSingle(false, features); }
        @Override public int iterationCount() { return net.getConfiguration().getIterationCount(); }
        @Override public int epochCount() { return net.getConfiguration().getEpochCount(); }
        @Override public void incrementEpochCount() { net.incrementEpochCount(); }
        @Override public Collection<TrainingListener> listeners() { return net.getListeners(); }
        @Override public void setListeners(Collection<TrainingListener> l) { net.setListeners(l); }
        @Override public Layer[] layers() { return net.getLayers(); }
        @Override public long seed() { return net.getConfiguration().getDefaultConfiguration().getSeed(); }
        @Override public String configurationJson() { return net.getConfiguration().toJson(); }

        @Override
        public long outputSize() {
            return net.layerSize(net.getConfiguration().getNetworkOutputs().get(0));
        }

        @Override
        public Layer outputLayer() {
            return net.getOutputLayer(0);
        }

        @Override
        public void setCounts(int iterationCount, int epochCount) {
            net.getConfiguration().setIterationCount(iterationCount);
            net.getConfiguration().setEpochCount(epochCount);
        }

        @Override
        public INDArray updaterState() {
            return net.getUpdater(true) == null ? null : net.getUpdater(true).getStateViewArray();
        }
    }
}
