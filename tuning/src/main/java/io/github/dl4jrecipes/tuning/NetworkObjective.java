package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.task.Task;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.GraphConfiguration;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

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

    /**
     * Metric name of the training loss after each epoch: the last step's data loss, without the
     * regularization term DL4J adds to its score.
     */
    public static final String TRAIN_LOSS = "trainLoss";
    /**
     * Probabilities are clipped to [ε, 1 − ε] with ε = 1e-7 before the validation loss takes their
     * logarithm (Keras' {@code epsilon()}; scikit-learn's {@code log_loss} clips the same way), so
     * one confident mistake costs a large finite loss instead of infinity.
     */
    public static final double PROBABILITY_EPSILON = 1e-7;

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
            return session(net, train.get(), valid.get(), validationAccuracy());
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
            return session(net, train.get(), valid.get(), validationAccuracy());
        };
    }

    /**
     * A session over an initialised network of either kind: each epoch one pass over {@code train},
     * then {@code measure} on {@code valid}, and the training loss as {@link #TRAIN_LOSS}; checkpoints
     * hold the parameters and the updater state. The building block of {@link TabularTuning} and
     * {@link ImageTuning}, and of your own objectives:
     *
     * <pre>{@code
     * Objective<TabularRecipe> f1 = (candidate, context) -> {
     *     TabularRecipe sized = candidate.withTrainRows(train.numExamples());
     *     int batch = sized.resolvedSettings().batchSize().value();
     *     return NetworkObjective.session(sized.toConfiguration().init(),
     *             InMemoryIterator.shuffled(train, batch, context.seed()),
     *             InMemoryIterator.sequential(valid, batch),
     *             (net, data) -> net.evaluate(data, new Evaluation()).f1());
     * };
     * Tuner.tpe(SearchSpaces.tabular(recipe, train), 9).study(dir).run(f1);   // F1, maximised
     * }</pre>
     *
     * @param net     a {@code MultiLayerNetwork} or a {@code ComputationGraph}, initialised
     * @param train   this trial's own training iterator (reset before each epoch)
     * @param valid   this trial's own validation iterator (reset before each measurement)
     * @param measure the objective's value after an epoch
     * @return a session positioned before its first epoch
     */
    public static TrialSession session(Model net, DataSetIterator train, DataSetIterator valid, Measure measure) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(measure, "measure");
        return new Session(Net.of(net), train, valid, measure);
    }

    /** @return validation accuracy (to maximise): DL4J's {@link Evaluation} of a classifier */
    public static Measure validationAccuracy() {
        return NetworkObjective::accuracy;
    }

    /**
     * The validation loss of {@code task} (to minimise): the mean over validation examples of the
     * task's loss function on the network's outputs, probabilities clipped by
     * {@link #PROBABILITY_EPSILON}; for softmax and sigmoid heads that is the log-loss. Unlike the
     * network's score it holds no L2 or weight decay term, so regularization hyperparameters do not
     * shift it.
     *
     * @param task the task whose loss and output activation the network has
     * @return the measure
     */
    public static Measure validationLoss(Task task) {
        Objects.requireNonNull(task, "task");
        ILossFunction loss = task.lossFunction();
        boolean probabilities = task.outputActivation() == Activation.SOFTMAX
                || task.outputActivation() == Activation.SIGMOID;
        return (n, data) -> validationLoss(n, loss, probabilities, data);
    }

    /**
     * What a session measures on the validation data after each epoch.
     */
    @FunctionalInterface
    public interface Measure {
        /**
         * @param net   the trial's network after the epoch
         * @param valid the validation iterator, reset
         * @return the objective's value
         */
        double of(Net net, DataSetIterator valid);
    }

    private static double validationLoss(Net net, ILossFunction loss, boolean probabilities, DataSetIterator data) {
        double total = 0;
        long examples = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray output = net.output(batch.getFeatures());
            if (probabilities) {
                output = Transforms.max(Transforms.min(output, 1 - PROBABILITY_EPSILON, true), PROBABILITY_EPSILON,
                        false);
            }
            INDArray labels = batch.getLabels().castTo(output.dataType());
            total += loss.computeScoreArray(labels, output, new ActivationIdentity(), null).sumNumber().doubleValue();
            examples += batch.numExamples();
        }
        if (examples == 0) {
            throw new IllegalStateException("valid: the validation iterator yields no example; fix: pass a non-empty "
                    + "validation set");
        }
        return total / examples;
    }

    private static double accuracy(Net net, DataSetIterator data) {
        return net.evaluate(data, new Evaluation()).accuracy();
    }

    private static final class Session implements TrialSession {
        private final DataSetIterator train;
        private final DataSetIterator valid;
        private final Measure measure;
        private Net net;

        Session(Net net, DataSetIterator train, DataSetIterator valid, Measure measure) {
            this.net = net;
            this.train = train;
            this.valid = valid;
            this.measure = measure;
        }

        @Override
        public EpochResult trainEpoch(int epoch) {
            train.reset();
            net.fit(train);
            valid.reset();
            return new EpochResult(measure.of(net, valid), Map.of(TRAIN_LOSS, net.lastTrainingLoss()));
        }

        @Override
        public void save(Path file) throws IOException {
            net.save(file, null);
        }

        @Override
        public void restore(Path file) throws IOException {
            net = Net.restore(net.kind(), file, true);
        }
    }
}
