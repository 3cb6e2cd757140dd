package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.GraphConfiguration;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Objectives that train the networks of an Arbiter {@code MultiLayerSpace} or
 * {@code ComputationGraphSpace}: one epoch over the training data per step, then validation
 * accuracy; checkpoints are DL4J model files with the updater state, so a promoted or resumed trial
 * continues exactly where it stopped.
 *
 * <pre>{@code
 * Objective<DL4JConfiguration> o = NetworkObjective.accuracy(() -> trainIterator(), () -> validIterator());
 * TuningResult<DL4JConfiguration> r = Tuner.asha(multiLayerSpace, 1, 27, 3).run(o);
 * }</pre>
 */
public final class NetworkObjective {

    /** Metric name of the training loss after each epoch. */
    public static final String TRAIN_LOSS = "trainLoss";

    private NetworkObjective() {
    }

    /**
     * @param train a fresh training iterator per trial (workers train in parallel, so each needs its own)
     * @param valid a fresh validation iterator per trial
     * @return an objective to maximise: validation accuracy of a {@code MultiLayerSpace} candidate after each epoch
     */
    public static Objective<DL4JConfiguration> accuracy(Supplier<DataSetIterator> train,
                                                        Supplier<DataSetIterator> valid) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        return (candidate, context) -> {
            MultiLayerNetwork net = new MultiLayerNetwork(candidate.getMultiLayerConfiguration());
            net.init();
            return new Session(new Layers(net), train.get(), valid.get());
        };
    }

    /**
     * @param train a fresh training iterator per trial
     * @param valid a fresh validation iterator per trial
     * @return an objective to maximise: validation accuracy of a {@code ComputationGraphSpace} candidate
     */
    public static Objective<GraphConfiguration> graphAccuracy(Supplier<DataSetIterator> train,
                                                              Supplier<DataSetIterator> valid) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        return (candidate, context) -> {
            ComputationGraph net = new ComputationGraph(candidate.getConfiguration());
            net.init();
            return new Session(new Graph(net), train.get(), valid.get());
        };
    }

    /**
     * A session over an initialised network of either kind (what {@link TabularTuning} trains).
     *
     * @param net   a {@code MultiLayerNetwork} or a {@code ComputationGraph}
     * @param train this trial's own training iterator
     * @param valid this trial's own validation iterator
     * @return a session positioned before its first epoch
     */
    static TrialSession session(Model net, DataSetIterator train, DataSetIterator valid) {
        return new Session(net instanceof MultiLayerNetwork m ? new Layers(m) : new Graph((ComputationGraph) net),
                train, valid);
    }

    /** What a session needs of a network, for both kinds. */
    private interface Net {
        void fit(DataSetIterator data);

        double accuracy(DataSetIterator data);

        Model model();

        Net restore(File file) throws IOException;
    }

    private record Layers(MultiLayerNetwork net) implements Net {
        @Override
        public void fit(DataSetIterator data) {
            net.fit(data);
        }

        @Override
        public double accuracy(DataSetIterator data) {
            return net.evaluate(data).accuracy();
        }

        @Override
        public Model model() {
            return net;
        }

        @Override
        public Net restore(File file) throws IOException {
            return new Layers(ModelSerializer.restoreMultiLayerNetwork(file, true));
        }
    }

    private record Graph(ComputationGraph net) implements Net {
        @Override
        public void fit(DataSetIterator data) {
            net.fit(data);
        }

        @Override
        public double accuracy(DataSetIterator data) {
            return net.evaluate(data).accuracy();
        }

        @Override
        public Model model() {
            return net;
        }

        @Override
        public Net restore(File file) throws IOException {
            return new Graph(ModelSerializer.restoreComputationGraph(file, true));
        }
    }

    private static final class Session implements TrialSession {
        private final DataSetIterator train;
        private final DataSetIterator valid;
        private Net net;

        Session(Net net, DataSetIterator train, DataSetIterator valid) {
            this.net = net;
            this.train = train;
            this.valid = valid;
        }

        @Override
        public EpochResult trainEpoch(int epoch) {
            train.reset();
            net.fit(train);
            valid.reset();
            return new EpochResult(net.accuracy(valid), Map.of(TRAIN_LOSS, net.model().score()));
        }

        @Override
        public void save(Path file) throws IOException {
            ModelSerializer.writeModel(net.model(), file.toFile(), true);
        }

        @Override
        public void restore(Path file) throws IOException {
            net = net.restore(file.toFile());
        }
    }
}
