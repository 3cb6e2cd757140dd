package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.data.ResumableIterator;
import io.github.dl4jrecipes.core.hardware.FastPath;
import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.core.train.internal.CheckpointState;
import io.github.dl4jrecipes.core.train.internal.CheckpointStore;
import io.github.dl4jrecipes.core.train.internal.DataFingerprint;
import io.github.dl4jrecipes.core.train.internal.DivergenceWatch;
import io.github.dl4jrecipes.core.train.internal.ProgressReporter;
import io.github.dl4jrecipes.core.train.internal.Versions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One execution of a {@link Fit}: the mutable state of the training loop. */
final class FitRun<N extends Model> {

    private static final Logger LOG = LoggerFactory.getLogger(Fit.class);
    /** Minibatches fetched ahead on another thread, as DL4J's own {@code fit(iterator)} does. */
    private static final int PREFETCH_BATCHES = 2;
    /** Roles of the iterators in a checkpoint's iterator states. */
    private static final String TRAIN = "train";
    private static final String VALID = "valid";

    private final Fit<N> fit;
    private final Net net;
    private final DataSetIterator train;
    private final DataSetIterator valid;
    private final Metric metric;
    private final long seed;
    private final DivergenceWatch watch;
    private History history;
    private String fingerprint;
    private INDArray bestParams;
    private int bestParamsEpoch;

    FitRun(Fit<N> fit, DataSetIterator train, DataSetIterator valid) {
        this.fit = fit;
        this.net = Net.of(fit.network);
        FastPath.install(fit.network);
        this.train = java.util.Objects.requireNonNull(train, "train");
        this.valid = valid;
        this.metric = fit.task.metric();
        this.seed = fit.seed != null ? fit.seed : net.seed();
        this.watch = new DivergenceWatch(net);
        this.history = History.empty(metric.name().toLowerCase(java.util.Locale.ROOT),
                metric.direction() == Metric.Direction.HIGHER_IS_BETTER);
        this.fingerprint = fit.dataFingerprint;
    }

    TrainedModel<N> execute() {
        checkIterator("train", train);
        if (valid != null) {
            checkIterator("valid", valid);
        } else if (fit.earlyStopping != null) {
            throw new IllegalArgumentException("earlyStopping watches the validation metric but no "
                    + "validation iterator was given; call run(train, valid).");
        }
        try (CheckpointStore store = fit.checkpoints == null ? null
                : CheckpointStore.open(fit.checkpoints.dir(), fit.checkpoints.keepLast())) {
            if (store != null) {
                resume(store);
            }
            trainEpochs(store);
            restoreBest(store);
        }
        return new TrainedModel<>(fit.network, history, card(), fit.normalizer);
    }

    /** The epochs still to train, with Fit's listener attached; checkpoints into {@code store} if not null. */
    private void trainEpochs(CheckpointStore store) {
        Collection<TrainingListener> userListeners = new ArrayList<>(net.listeners());
        List<TrainingListener> all = new ArrayList<>(userListeners);
        all.add(watch);
        net.setListeners(all);
        Progress shown = fit.progress.resolve();
        try (ProgressReporter reporter = new ProgressReporter(shown == Progress.BAR,
                history.metric(), fit.epochs)) {
            boolean stopped = fit.earlyStopping != null && history.size() > 0
                    && fit.earlyStopping.standing(history, metric).stop();   // a resumed run that had stopped
            for (int epoch = history.size() + 1; epoch <= fit.epochs && !stopped; epoch++) {
                EpochRecord record = epoch(epoch, reporter);
                history = history.withEpoch(record);
                reporter.epochDone(record);
                stopped = endOfEpoch(epoch, store);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint could not be written to "
                    + fit.checkpoints.dir() + ": " + e.getMessage(), e);
        } finally {
            net.setListeners(userListeners);
        }
    }

    private EpochRecord epoch(int epoch, ProgressReporter reporter) {
        Nd4j.getRandom().setSeed(seed + epoch);
        DataFingerprint hash = fingerprint == null && epoch == 1 ? new DataFingerprint() : null;
        Collection<TrainingListener> listeners = net.listeners();
        listeners.forEach(l -> l.onEpochStart(net.model()));
        reporter.startEpoch(epoch);
        train.reset();
        DataSetIterator batches = train.asyncSupported()
                ? new AsyncDataSetIterator(train, PREFETCH_BATCHES, false) : train;
        try {
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                if (hash != null) {
                    hash.add(batch);
                }
                watch.beforeBatch(batch);
                net.fit(batch);
                double loss = net.lastTrainingLoss();
                watch.afterBatch(loss, epoch);
                reporter.batch(loss, batch.numExamples());
            }
        } finally {
            if (batches instanceof AsyncDataSetIterator async) {
                async.shutdown();
            }
            reporter.endTraining();
        }
        double seconds = reporter.seconds();
        listeners.forEach(l -> l.onEpochEnd(net.model()));
        net.incrementEpochCount();
        if (hash != null) {
            fingerprint = hash.value();
        }
        double[] trainScores = fit.trainMetric ? evaluate(train, false) : new double[] {Double.NaN, Double.NaN};
        double[] validScores = valid == null ? new double[] {Double.NaN, Double.NaN} : evaluate(valid, true);
        if (valid != null) {
            watch.afterValidation(validScores[0], epoch);
        }
        return new EpochRecord(epoch, reporter.meanLoss(), trainScores[1], validScores[0],
                validScores[1], net.learningRate(), seconds,
                seconds > 0 ? reporter.examples() / seconds : 0);
    }

    /** Early stopping and checkpoints after an epoch; true when training should stop. */
    private boolean endOfEpoch(int epoch, CheckpointStore store) throws IOException {
        EarlyStopping.Standing standing = fit.earlyStopping == null ? null
                : fit.earlyStopping.standing(history, metric);
        boolean improved = valid != null && history.best().map(e -> e.epoch() == epoch).orElse(false);
        if (standing != null && standing.bestEpoch() == epoch && fit.earlyStopping.restoreBest()) {
            bestParams = net.model().params().dup();
            bestParamsEpoch = epoch;
        }
        boolean stop = standing != null && standing.stop();
        if (store != null) {
            CheckpointState state = new CheckpointState(CheckpointState.FORMAT_VERSION, epoch, net.kind(),
                    "", net.architecture(), history, fingerprint == null ? "" : fingerprint, seed,
                    iteratorStates(), configuration());
            if (epoch % fit.checkpoints.everyEpochs() == 0 || epoch == fit.epochs || stop) {
                store.save(net, fit.normalizer, state);
            }
            if (improved && fit.checkpoints.saveBest()) {
                store.saveBest(net, fit.normalizer, state);
            }
        }
        if (stop) {
            LOG.info("Early stopping after epoch {}: no improvement of {} for {} epochs (best: epoch {}).",
                    epoch, history.metric(), fit.earlyStopping.patience(), standing.bestEpoch());
        }
        return stop;
    }

    private void resume(CheckpointStore store) {
        Optional<CheckpointStore.Loaded> latest = store.latest();
        if (latest.isEmpty()) {
            return;
        }
        CheckpointStore.Loaded loaded = latest.get();
        Map<String, String> expected = net.architecture();
        Map<String, String> found = loaded.net().architecture();
        if (!expected.equals(found)) {
            String difference = expected.keySet().stream()
                    .filter(k -> !java.util.Objects.equals(expected.get(k), found.get(k)))
                    .findFirst().map(k -> k + " is " + found.get(k) + " there but " + expected.get(k) + " here")
                    .orElse("it has more layers or parameters");
            throw new IllegalArgumentException("checkpoint " + loaded.zip() + " is of a different "
                    + "architecture (" + difference + "); resume with the same network configuration "
                    + "or use an empty checkpoint directory.");
        }
        if (!loaded.state().history().metric().equals(history.metric())) {
            throw new IllegalArgumentException("checkpoint " + loaded.zip() + " tracks metric "
                    + loaded.state().history().metric() + " but this run tracks " + history.metric()
                    + "; resume with the same task or use an empty checkpoint directory.");
        }
        checkConfiguration(loaded);
        restoreIterator(TRAIN, train, loaded);
        if (valid != null) {
            restoreIterator(VALID, valid, loaded);
        }
        net.model().setParams(loaded.net().model().params());
        INDArray state = loaded.net().updaterState();
        if (state != null) {
            net.updaterState().assign(state);
        }
        net.setCounts(loaded.net().iterationCount(), loaded.net().epochCount());
        history = loaded.state().history();
        if (fingerprint == null && !loaded.state().dataFingerprint().isEmpty()) {
            fingerprint = loaded.state().dataFingerprint();
        }
        if (loaded.state().seed() != seed) {
            LOG.warn("Checkpoint {} was made with seed {} but this run uses {}: the resumed run will "
                    + "not replay the original one exactly.", loaded.zip(), loaded.state().seed(), seed);
        }
        LOG.info("Resuming from {} after epoch {}.", loaded.zip(), loaded.state().epoch());
    }

    /**
     * The settings a resumed run must share with the checkpoint's: the recipe's card and Fit's own
     * (task, seed, early stopping, train metric). Not Fit's epoch count, so a run can be resumed to
     * train longer (a recipe's card holds its epochs: its 1cycle schedule spans them), nor the
     * checkpoint policy.
     */
    private Map<String, String> configuration() {
        Map<String, String> settings = new TreeMap<>(fit.settings);
        settings.put("task", fit.task.toString());
        settings.put("seed", String.valueOf(seed));
        settings.put("trainMetric", String.valueOf(fit.trainMetric));
        settings.put("earlyStopping", String.valueOf(fit.earlyStopping));
        return settings;
    }

    /** Refuses a checkpoint made with other settings, naming the first that differs. */
    private void checkConfiguration(CheckpointStore.Loaded loaded) {
        Map<String, String> saved = loaded.state().settings();
        Map<String, String> here = configuration();
        if (saved.isEmpty() || saved.equals(here)) {
            return;   // a version-1 checkpoint has no settings to compare
        }
        java.util.SortedSet<String> names = new java.util.TreeSet<>(saved.keySet());
        names.addAll(here.keySet());
        List<String> differ = names.stream()
                .filter(k -> !java.util.Objects.equals(saved.get(k), here.get(k))).toList();
        String first = differ.get(0);
        String more = differ.size() == 1 ? "" : " (and " + (differ.size() - 1) + " more: "
                + differ.subList(1, differ.size()) + ")";
        throw new IllegalArgumentException("checkpoint " + loaded.zip() + " was made with other settings: " + first
                + " is " + shown(saved.get(first)) + " there but " + shown(here.get(first)) + " here" + more
                + "; resume with the same settings, or use an empty checkpoint directory.");
    }

    private static String shown(String value) {
        return value == null ? "not set" : value;
    }

    /** The state of each {@link ResumableIterator}, by role, for the checkpoint. */
    private Map<String, Map<String, Long>> iteratorStates() {
        Map<String, Map<String, Long>> states = new TreeMap<>();
        if (train instanceof ResumableIterator resumable) {
            states.put(TRAIN, resumable.state());
        }
        if (valid instanceof ResumableIterator resumable) {
            states.put(VALID, resumable.state());
        }
        return states;
    }

    /**
     * Puts an iterator back where it was at the checkpoint, so its next epoch gives the batches the
     * interrupted run would have trained on. The validation iterator's order never changes the
     * weights: only the train iterator is reported when it cannot be restored.
     */
    private void restoreIterator(String role, DataSetIterator data, CheckpointStore.Loaded loaded) {
        Map<String, Long> saved = loaded.state().iterators().get(role);
        if (data instanceof ResumableIterator resumable && saved != null) {
            try {
                resumable.restore(saved);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checkpoint " + loaded.zip() + " does not fit the " + role
                        + " iterator: " + e.getMessage() + "; or use an empty checkpoint directory.", e);
            }
        } else if (role.equals(TRAIN) && data instanceof ResumableIterator) {
            LOG.warn("Checkpoint {} holds no state of the train iterator (format version {}): its epochs "
                    + "start over and the resumed run will not replay the original exactly.", loaded.zip(),
                    loaded.state().formatVersion());
        } else if (role.equals(TRAIN)) {
            LOG.info("The train iterator ({}) is not a ResumableIterator: the resumed run replays the original "
                    + "exactly only if it gives the same batches in every epoch.", data.getClass().getSimpleName());
        }
    }

    private void restoreBest(CheckpointStore store) {
        if (fit.earlyStopping == null || !fit.earlyStopping.restoreBest()) {
            return;
        }
        int best = fit.earlyStopping.standing(history, metric).bestEpoch();
        if (best == 0 || best == history.size()) {
            return;
        }
        if (bestParamsEpoch == best) {
            net.model().setParams(bestParams);
        } else {
            Optional<CheckpointStore.Loaded> saved = store == null ? Optional.empty() : store.best();
            if (saved.isPresent() && saved.get().state().epoch() == best) {
                net.model().setParams(saved.get().net().model().params());
            } else {
                LOG.warn("The weights of the best epoch {} are not available (it was trained before a "
                        + "resume without a best checkpoint); keeping the last epoch's weights.", best);
                return;
            }
        }
        LOG.info("Restored the weights of the best epoch {} ({} {}).", best, history.metric(),
                history.epochs().get(best - 1).validMetric());
    }

    /** {loss, metric} over an iterator, in inference mode; the loss only when asked. */
    private double[] evaluate(DataSetIterator data, boolean withLoss) {
        data.reset();
        List<INDArray> labels = new ArrayList<>();
        List<INDArray> outputs = new ArrayList<>();
        double lossSum = 0;
        long examples = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            if (withLoss) {
                lossSum += net.score(batch) * batch.numExamples();
            }
            examples += batch.numExamples();
            labels.add(batch.getLabels().dup());
            outputs.add(net.output(batch.getFeatures()));
        }
        double value = fit.task.evaluate(Nd4j.vstack(labels.toArray(new INDArray[0])),
                Nd4j.vstack(outputs.toArray(new INDArray[0])));
        return new double[] {withLoss ? lossSum / examples : Double.NaN, value};
    }

    private void checkIterator(String name, DataSetIterator data) {
        if (!data.resetSupported()) {
            throw new IllegalArgumentException(name + " iterator does not support reset(): Fit makes "
                    + "one pass per epoch plus evaluation passes; use a resettable iterator such as "
                    + "ListDataSetIterator or RecordReaderDataSetIterator.");
        }
        data.reset();
        if (!data.hasNext()) {
            throw new IllegalArgumentException(name + " iterator yields no batches; check that its "
                    + "source has examples and its batch size is >= 1.");
        }
        DataSet first = data.next();
        long columns = first.getLabels().size(1);
        if (columns != net.outputSize()) {
            throw new IllegalArgumentException(name + " iterator's labels have " + columns
                    + " columns but the network has " + net.outputSize() + " outputs ("
                    + fit.task.kind() + " task); give labels with one column per output.");
        }
        data.reset();
    }

    private ModelCard card() {
        Map<String, String> settings = new TreeMap<>(fit.settings);
        settings.put("task", fit.task.toString());
        settings.put("metric", history.metric());
        settings.put("epochs", String.valueOf(fit.epochs));
        settings.put("epochsTrained", String.valueOf(history.size()));
        settings.put("trainMetric", String.valueOf(fit.trainMetric));
        settings.put("earlyStopping", String.valueOf(fit.earlyStopping));
        settings.put("checkpoints", String.valueOf(fit.checkpoints));
        settings.put("normalizer", fit.normalizer == null ? "none" : fit.normalizer.getClass().getSimpleName());
        settings.put("updater", updaters());
        settings.put("iterations", String.valueOf(net.iterationCount()));
        Hardware hw = Hardware.report();
        String device = hw.devices().stream().map(Hardware.Device::name).collect(Collectors.joining("; "));
        String backend = hw.backend() + " (" + hw.backendClass() + (hw.backend() == Hardware.Backend.CPU
                ? ", binary " + hw.binarySimd() : "") + ", " + hw.dataType() + ")";
        return new ModelCard(net.kind(), seed, fingerprint == null ? "" : fingerprint, settings,
                net.layerSummary(), net.model().numParams(), Versions.library(), Versions.dl4j(),
                System.getProperty("java.version"), backend, device,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private String updaters() {
        return java.util.Arrays.stream(net.layers())
                .map(l -> l.conf().getLayer())
                .filter(BaseLayer.class::isInstance)
                .map(l -> String.valueOf(((BaseLayer) l).getIUpdater()))
                .distinct().collect(Collectors.joining("; "));
    }
}
