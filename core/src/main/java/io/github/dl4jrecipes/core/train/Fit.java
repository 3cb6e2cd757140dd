package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.task.Task;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Trains a network for a number of epochs and hands back a {@link TrainedModel}: the network,
 * its {@link History} and its {@link ModelCard}. Each epoch it measures the task's metric on the
 * training set and, when given, the validation set; it shows a progress bar when a person
 * watches and logs a line per epoch otherwise; it stops at the first NaN or infinite training or
 * validation loss with a {@link TrainingDivergedException} that names the likely cause;
 * optionally it stops early and saves checkpoints it can resume from. The network's own listeners stay attached and are called
 * as with {@code net.fit(iterator)}.
 *
 * <pre>{@code
 * TrainedModel<MultiLayerNetwork> model = Fit.of(net, Task.multiclass(3))
 *         .withEpochs(50)
 *         .withEarlyStopping(EarlyStopping.patience(5))
 *         .withCheckpoints(Checkpoints.in(Path.of("ckpt")))
 *         .run(train, valid);
 * }</pre>
 *
 * <p>Determinism: at the start of epoch {@code e} ND4J's random generator is seeded with
 * {@code seed + e}, so dropout and other random layers replay the same way in a resumed run.
 * Each checkpoint also holds the state of the iterators that are
 * {@link io.github.dl4jrecipes.core.data.ResumableIterator}s (all the library's are), so a resumed
 * run trains on the same batches in the same order and ends with the same weights as an
 * uninterrupted one; see {@link Checkpoints} for what an iterator of your own must do.
 *
 * @param <N> MultiLayerNetwork or ComputationGraph
 */
public final class Fit<N extends Model> {

    /** Default number of epochs when none is set: 10, a short first run to read the curves from. */
    public static final int DEFAULT_EPOCHS = 10;
    /**
     * The project's one seed default: the recipes, the tuners, the samples and the benchmarks start
     * from it when the user sets none, so two runs with default settings are the same run.
     * 42 is only a convention (Tribuo's {@code Trainer.DEFAULT_SEED} is 12345); any fixed value works.
     */
    public static final long DEFAULT_SEED = 42;

    final N network;
    final Task task;
    final int epochs;
    final EarlyStopping earlyStopping;
    final Checkpoints checkpoints;
    final Long seed;
    final Progress progress;
    final DataNormalization normalizer;
    final String dataFingerprint;
    final Map<String, String> settings;
    final boolean trainMetric;

    private Fit(N network, Task task, int epochs, EarlyStopping earlyStopping, Checkpoints checkpoints,
                Long seed, Progress progress, DataNormalization normalizer, String dataFingerprint,
                Map<String, String> settings, boolean trainMetric) {
        this.network = network;
        this.task = task;
        this.epochs = epochs;
        this.earlyStopping = earlyStopping;
        this.checkpoints = checkpoints;
        this.seed = seed;
        this.progress = progress;
        this.normalizer = normalizer;
        this.dataFingerprint = dataFingerprint;
        this.settings = Map.copyOf(settings);
        this.trainMetric = trainMetric;
    }

    /** Trains a MultiLayerNetwork (initialised) for a task. */
    public static Fit<MultiLayerNetwork> of(MultiLayerNetwork network, Task task) {
        return create(network, task);
    }

    /** Trains a single-input, single-output ComputationGraph (initialised) for a task. */
    public static Fit<ComputationGraph> of(ComputationGraph network, Task task) {
        return create(network, task);
    }

    /**
     * Trains a network of either kind (initialised) for a task, when the caller holds it as a
     * {@link Net}; {@link TrainedModel#network()} is then typed {@link Model}.
     */
    public static Fit<Model> of(Net network, Task task) {
        return create(Objects.requireNonNull(network, "network").model(), task);
    }

    private static <M extends Model> Fit<M> create(M network, Task task) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(task, "task");
        long outputs = Net.of(network).outputSize();
        if (outputs != task.nOut()) {
            throw new IllegalArgumentException("task " + task.kind() + " has nOut " + task.nOut()
                    + " but the network's output layer has " + outputs + " outputs; build the "
                    + "output layer with task.outputLayer().");
        }
        return new Fit<>(network, task, DEFAULT_EPOCHS, null, null, null, Progress.AUTO, null, null,
                Map.of(), true);
    }

    /** A copy that trains for {@code epochs} epochs (at most, with early stopping). */
    public Fit<N> withEpochs(int epochs) {
        Args.atLeast("epochs", epochs, 1, "pass the number of passes over the training data.");
        return new Fit<>(network, task, epochs, earlyStopping, checkpoints, seed, progress, normalizer,
                dataFingerprint, settings, trainMetric);
    }

    /** A copy that stops early on the validation metric (needs a validation iterator). */
    public Fit<N> withEarlyStopping(EarlyStopping earlyStopping) {
        return new Fit<>(network, task, epochs, Objects.requireNonNull(earlyStopping, "earlyStopping"),
                checkpoints, seed, progress, normalizer, dataFingerprint, settings, trainMetric);
    }

    /** A copy that saves checkpoints, and resumes from the folder's latest one. */
    public Fit<N> withCheckpoints(Checkpoints checkpoints) {
        return new Fit<>(network, task, epochs, earlyStopping,
                Objects.requireNonNull(checkpoints, "checkpoints"), seed, progress, normalizer,
                dataFingerprint, settings, trainMetric);
    }

    /** A copy with a seed for the per-epoch random streams (default: the network configuration's). */
    public Fit<N> withSeed(long seed) {
        return new Fit<>(network, task, epochs, earlyStopping, checkpoints, seed, progress, normalizer,
                dataFingerprint, settings, trainMetric);
    }

    /** A copy with another progress display (default {@link Progress#AUTO}). */
    public Fit<N> withProgress(Progress progress) {
        return new Fit<>(network, task, epochs, earlyStopping, checkpoints, seed,
                Objects.requireNonNull(progress, "progress"), normalizer, dataFingerprint, settings, trainMetric);
    }

    /**
     * A copy that saves this normalizer with the model and checkpoints. Fit does not apply it:
     * set it on the iterators ({@code iterator.setPreProcessor(normalizer)}).
     */
    public Fit<N> withNormalizer(DataNormalization normalizer) {
        return new Fit<>(network, task, epochs, earlyStopping, checkpoints, seed, progress,
                Objects.requireNonNull(normalizer, "normalizer"), dataFingerprint, settings, trainMetric);
    }

    /** A copy that records this data fingerprint in the card instead of hashing the batches. */
    public Fit<N> withDataFingerprint(String fingerprint) {
        return new Fit<>(network, task, epochs, earlyStopping, checkpoints, seed, progress, normalizer,
                Objects.requireNonNull(fingerprint, "fingerprint"), settings, trainMetric);
    }

    /** A copy that records one more setting in the model card (a recipe's choices, for example). */
    public Fit<N> withSetting(String name, Object value) {
        Map<String, String> more = new TreeMap<>(settings);
        more.put(Objects.requireNonNull(name, "name"), String.valueOf(value));
        return new Fit<>(network, task, epochs, earlyStopping, checkpoints, seed, progress, normalizer,
                dataFingerprint, more, trainMetric);
    }

    /**
     * A copy that does or does not measure the metric on the training set after each epoch
     * (default: it does). Measuring costs one inference pass over the training data per epoch;
     * without it the history's train metric is NaN and {@code Diagnosis} cannot read the run.
     */
    public Fit<N> withTrainMetric(boolean measure) {
        return new Fit<>(network, task, epochs, earlyStopping, checkpoints, seed, progress, normalizer,
                dataFingerprint, settings, measure);
    }

    /** @deprecated use {@link #withEpochs(int)}; kept for one release. */
    @Deprecated
    public Fit<N> epochs(int epochs) {
        return withEpochs(epochs);
    }

    /** @deprecated use {@link #withEarlyStopping(EarlyStopping)}; kept for one release. */
    @Deprecated
    public Fit<N> earlyStopping(EarlyStopping earlyStopping) {
        return withEarlyStopping(earlyStopping);
    }

    /** @deprecated use {@link #withCheckpoints(Checkpoints)}; kept for one release. */
    @Deprecated
    public Fit<N> checkpoints(Checkpoints checkpoints) {
        return withCheckpoints(checkpoints);
    }

    /** @deprecated use {@link #withNormalizer(DataNormalization)}; kept for one release. */
    @Deprecated
    public Fit<N> normalizer(DataNormalization normalizer) {
        return withNormalizer(normalizer);
    }

    /** @deprecated use {@link #withTrainMetric(boolean)}; kept for one release. */
    @Deprecated
    public Fit<N> trainMetric(boolean measure) {
        return withTrainMetric(measure);
    }

    /** Trains without validation data. */
    public TrainedModel<N> run(DataSetIterator train) {
        return run(train, null);
    }

    /**
     * Trains, measuring the metric on {@code valid} after each epoch.
     *
     * @param train the training data; must support {@code reset()}
     * @param valid the validation data, or null
     * @throws IllegalArgumentException     for empty iterators, labels that do not match the
     *                                      network, an unwritable checkpoint folder or a checkpoint
     *                                      of another architecture or other data; nothing is
     *                                      written then
     * @throws IllegalStateException        when another run, in this or another process, trains
     *                                      with the same checkpoint folder (it is locked)
     * @throws TrainingDivergedException    at the first NaN or infinite training loss, parameter
     *                                      or validation loss
     */
    public TrainedModel<N> run(DataSetIterator train, DataSetIterator valid) {
        return new FitRun<>(this, train, valid).execute();
    }
}
