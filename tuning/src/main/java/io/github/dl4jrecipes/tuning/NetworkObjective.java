package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Objectives that train the networks of an Arbiter {@code MultiLayerSpace}: one epoch over the
 * training data per step, then validation accuracy; checkpoints are DL4J model files with the
 * updater state, so a promoted or resumed trial continues exactly where it stopped.
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
     * @return an objective to maximise: validation accuracy after each epoch
     */
    public static Objective<DL4JConfiguration> accuracy(Supplier<DataSetIterator> train,
                                                        Supplier<DataSetIterator> valid) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        return (candidate, context) -> new Session(candidate, train.get(), valid.get());
    }

    private static final class Session implements TrialSession {
        private final DataSetIterator train;
        private final DataSetIterator valid;
        private MultiLayerNetwork net;

        Session(DL4JConfiguration candidate, DataSetIterator train, DataSetIterator valid) {
            this.train = train;
            this.valid = valid;
            this.net = new MultiLayerNetwork(candidate.getMultiLayerConfiguration());
            net.init();
        }

        @Override
        public EpochResult trainEpoch(int epoch) {
            train.reset();
            net.fit(train);
            valid.reset();
            double accuracy = net.evaluate(valid).accuracy();
            return new EpochResult(accuracy, Map.of(TRAIN_LOSS, net.score()));
        }

        @Override
        public void save(Path file) throws Exception {
            ModelSerializer.writeModel(net, file.toFile(), true);
        }

        @Override
        public void restore(Path file) throws Exception {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        }
    }
}
