package io.github.dl4jrecipes.recipes.sequence;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.lr.LrFinderResult;
import io.github.dl4jrecipes.core.optim.Clipping;
import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.task.TaskKind;
import io.github.dl4jrecipes.core.train.EarlyStopping;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.NetworkConfiguration;
import io.github.dl4jrecipes.recipes.Recipe;
import io.github.dl4jrecipes.recipes.RecipeCard;
import io.github.dl4jrecipes.recipes.RecipeSetting;
import io.github.dl4jrecipes.recipes.Setting;
import io.github.dl4jrecipes.recipes.internal.TargetScaling;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sequence classification and sequence regression (forecasting) from {@code [examples,
 * features, time]} data: stacked LSTM layers (optionally bidirectional) whose last time step
 * feeds the output layer derived from the task. The rules it expands to:
 * <ul>
 *   <li>the weight init follows the gate activations: tanh cell and sigmoid gates take Glorot
 *       ({@link WeightInits#forActivation}), for input and recurrent weights alike (DL4J M2.1 has
 *       no orthogonal init), and the forget gate's bias starts at {@value #FORGET_GATE_BIAS}
 *       (Jozefowicz et al., 2015);</li>
 *   <li>exploding gradients are handled by clipping, on by default ({@link Clipping#byNorm()}:
 *       per-layer L2 norm {@value Clipping#DEFAULT_NORM}, Pascanu et al., 2013), never by batch
 *       normalisation inside the recurrence (the config linter flags it:
 *       {@code Rule.BATCH_NORM_IN_RECURRENT_STACK});</li>
 *   <li>sequences of unequal length carry a features mask
 *       ({@link io.github.dl4jrecipes.core.data.Sequences#padded}); the recurrent layers and the
 *       last-step read honour it, so padded steps change nothing;</li>
 *   <li>inputs are standardized on the training data (the normalizer travels with the model),
 *       regression targets too (folded back into the output layer);</li>
 *   <li>Adam with the 1cycle policy, its peak from the LR finder unless set; early stopping on the
 *       validation metric ({@value #DEFAULT_PATIENCE} epochs' patience, best weights restored).</li>
 * </ul>
 * DL4J M2.1 has no GRU layer, so the cell is always an LSTM.
 *
 * <pre>{@code
 * TimeSplit split = TimeSeries.fromCsv(path).timeColumn("month").build()
 *         .windows(24, 1).withRelativeToLast().splitByTime(0.8);
 * SequenceRecipe recipe = SequenceRecipe.regressor(1).withEpochs(40);
 * TrainedModel<MultiLayerNetwork> model = recipe.fit(split.train().data(), split.valid().data());
 * double[] forecast = split.valid().restore(model.predict(split.valid().data().getFeatures()));
 * }</pre>
 */
public final class SequenceRecipe implements Recipe {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceRecipe.class);

    /** LSTM units per layer and direction: 64, small enough for series of a few hundred steps. */
    public static final int DEFAULT_HIDDEN_SIZE = 64;
    /** One recurrent layer: a second rarely helps on small data (Karpathy's char-rnn notes stack 2-3 on large text). */
    public static final int DEFAULT_LAYERS = 1;
    /** At most 30 epochs; early stopping usually ends sooner. */
    public static final int DEFAULT_EPOCHS = 30;
    /** 32 sequences per update (Masters &amp; Luschi, 2018: batch sizes 2 to 32 generalise best). */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Early-stopping patience of 5 epochs without a better validation metric. */
    public static final int DEFAULT_PATIENCE = 5;
    /**
     * 1cycle peak in {@link #toConfiguration()} and {@link #card()} when none is set ({@code fit}
     * asks the LR finder instead): 1e-3, fastai's {@code defaults.lr}.
     */
    public static final double DEFAULT_MAX_LR = 1e-3;
    /** Cell (and output) activation of the LSTM: tanh. */
    public static final Activation CELL_ACTIVATION = Activation.TANH;
    /** Gate activation of the LSTM: sigmoid. */
    public static final Activation GATE_ACTIVATION = Activation.SIGMOID;
    /** Initial forget-gate bias 1.0 (Jozefowicz et al., 2015; DL4J's default). */
    public static final double FORGET_GATE_BIAS = 1.0;
    /** Prefix of the recipe's settings in the trained model's card. */
    public static final String CARD_PREFIX = "recipe";
    private static final String MAX_LR = "maxLr";

    private final String name;
    private final int features;
    private final Task task;
    private final SequenceSettings settings;

    private SequenceRecipe(String name, int features, Task task, SequenceSettings settings) {
        this.name = name;
        this.features = features;
        this.task = task;
        this.settings = settings;
    }

    /**
     * A classifier of whole sequences into {@code classes} classes (softmax, cross-entropy), one
     * label row per sequence.
     */
    public static SequenceRecipe classifier(int features, int classes) {
        Args.atLeast("features", features, 1, "pass the number of values per time step");
        Args.atLeast("classes", classes, 2, "pass the number of classes (2 or more)");
        return new SequenceRecipe("sequence-classifier", features, Task.multiclass(classes),
                SequenceSettings.defaults());
    }

    /** A regressor (forecaster) of one value per sequence (identity output, squared error). */
    public static SequenceRecipe regressor(int features) {
        return regressor(features, 1);
    }

    /** A regressor of {@code outputs} values per sequence. */
    public static SequenceRecipe regressor(int features, int outputs) {
        Args.atLeast("features", features, 1, "pass the number of values per time step");
        Args.atLeast("outputs", outputs, 1, "pass the number of values to predict per sequence");
        return new SequenceRecipe("sequence-regressor", features, Task.regression(outputs),
                SequenceSettings.defaults());
    }

    /** A copy with {@code units} LSTM units per layer (and direction). */
    public SequenceRecipe withHiddenSize(int units) {
        return with(settings.toBuilder().hiddenSize(Setting.user(units)));
    }

    /** A copy with {@code count} stacked LSTM layers. */
    public SequenceRecipe withLayers(int count) {
        return with(settings.toBuilder().layers(Setting.user(count)));
    }

    /**
     * A copy whose LSTM layers read each sequence forwards and backwards (outputs concatenated).
     * For classifying whole sequences; a forecast must not see the future, so leave it off there.
     */
    public SequenceRecipe withBidirectional() {
        return with(settings.toBuilder().bidirectional(Setting.user(true)));
    }

    /** A copy with other gradient clipping ({@link Clipping#byNorm(double)} or {@link Clipping#byValue(double)}). */
    public SequenceRecipe withClipping(Clipping clipping) {
        return with(settings.toBuilder().clipping(Setting.user(Objects.requireNonNull(clipping, "clipping"))));
    }

    /**
     * A copy that clips each layer's gradient to L2 norm {@code maxNorm}.
     *
     * @throws IllegalArgumentException when {@code maxNorm} is not a finite number &gt; 0
     */
    public SequenceRecipe withClipNorm(double maxNorm) {
        return withClipping(Clipping.byNorm(maxNorm));
    }

    /** A copy whose 1cycle policy peaks at {@code lr} (no LR finder). */
    public SequenceRecipe withMaxLr(double lr) {
        return with(settings.toBuilder().maxLr(Setting.user(lr)));
    }

    /** A copy that trains at most {@code count} epochs. */
    public SequenceRecipe withEpochs(int count) {
        return with(settings.toBuilder().epochs(Setting.user(count)));
    }

    /** A copy with {@code size} sequences per update. */
    public SequenceRecipe withBatchSize(int size) {
        return with(settings.toBuilder().batchSize(Setting.user(size)));
    }

    /** A copy that stops after {@code epochs} epochs without a better validation metric. */
    public SequenceRecipe withPatience(int epochs) {
        return with(settings.toBuilder().patience(Setting.user(epochs)));
    }

    /** A copy with another seed (weights, shuffling). */
    public SequenceRecipe withSeed(long seed) {
        return with(settings.toBuilder().seed(Setting.userOr(SequenceSettings.defaults().seed(), seed)));
    }

    /**
     * A copy that trains with {@code updater} instead of Adam with the 1cycle policy: its own
     * learning rate (fixed, scheduled or self-adapting, e.g.
     * {@link io.github.dl4jrecipes.core.schedule.HypergradientAdam}) applies; no LR finder.
     */
    public SequenceRecipe withOptimizer(IUpdater updater) {
        Objects.requireNonNull(updater, "updater");
        return with(settings.toBuilder().optimizer(Setting.user(updater.clone())));
    }

    /** A copy with another progress display (default {@link Progress#AUTO}). */
    public SequenceRecipe withProgress(Progress display) {
        return with(settings.toBuilder().progress(Objects.requireNonNull(display, "display")));
    }

    /** A copy with these settings (e.g. a tuner's). */
    public SequenceRecipe withSettings(SequenceSettings changed) {
        return new SequenceRecipe(name, features, task, Objects.requireNonNull(changed, "settings"));
    }

    private SequenceRecipe with(SequenceSettings.Builder changed) {
        return withSettings(changed.build());
    }

    /** The settings as set. */
    public SequenceSettings settings() {
        return settings;
    }

    /** The task (output layer, loss, metric). */
    public Task task() {
        return task;
    }

    /** Values per time step the recipe was built for. */
    public int features() {
        return features;
    }

    /** The configuration with 1cycle at the set peak (or {@link #DEFAULT_MAX_LR}) over the set epochs of one batch. */
    @Override
    public NetworkConfiguration toConfiguration() {
        return NetworkConfiguration.of(configuration(updater(maxLrOr(DEFAULT_MAX_LR), 1)));
    }

    @Override
    public MultiLayerNetwork build() {
        return (MultiLayerNetwork) toConfiguration().init();
    }

    @Override
    public RecipeCard card() {
        return card(settings.maxLr() != null ? settings.maxLr() : Setting.byDefault(DEFAULT_MAX_LR,
                "LR finder at fit(); " + DEFAULT_MAX_LR + " (fastai defaults.lr) in toConfiguration()"));
    }

    /**
     * Collects the iterators' batches in memory (masks kept, padded to the longest) and trains
     * as {@link #fit(DataSet, DataSet)}, with the recipe's batch size.
     */
    @Override
    public TrainedModel<MultiLayerNetwork> fit(DataSetIterator train, DataSetIterator valid) {
        Objects.requireNonNull(train, "train");
        return fit(collect("train", train), valid == null ? null : collect("valid", valid));
    }

    /**
     * Trains on sequences ({@code [examples, features, time]} features, a features mask for
     * unequal lengths, one label row per sequence), measuring on {@code valid} after each epoch
     * and stopping early when it stops improving.
     *
     * @param valid the validation sequences, or null (then no early stopping)
     * @throws IllegalArgumentException when the data's shape does not fit the recipe
     */
    public TrainedModel<MultiLayerNetwork> fit(DataSet train, DataSet valid) {
        Objects.requireNonNull(train, "train");
        check("train", train);
        if (valid != null) {
            check("valid", valid);
        }
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(train);
        int batch = Math.min(settings.batchSize().value(), train.numExamples());
        int batches = (train.numExamples() + batch - 1) / batch;
        DataSetIterator trainIt = InMemoryIterator.shuffled(train, batch, settings.seed().value());
        DataSetIterator validIt = valid == null ? null : InMemoryIterator.sequential(valid, batch);
        trainIt.setPreProcessor(normalizer);
        TargetScaling scaling = null;
        if (task.kind() == TaskKind.REGRESSION) {
            scaling = TargetScaling.of(trainIt);
            trainIt.setPreProcessor(scaling.preProcessor(normalizer));
        }
        if (validIt != null) {
            validIt.setPreProcessor(scaling == null ? normalizer : scaling.preProcessor(normalizer));
        }
        Setting<Double> maxLr = settings.maxLr() != null || settings.optimizer() != null ? settings.maxLr()
                : findLr(trainIt, batches);
        RecipeCard card = card(maxLr != null ? maxLr : Setting.byDefault(DEFAULT_MAX_LR, "unused"));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkConfiguration.of(configuration(
                updater(maxLr == null ? DEFAULT_MAX_LR : maxLr.value(), batches))).init();
        LOG.info("Training {} ({} parameters): at most {} epochs of {} batch(es), {}", name, net.numParams(),
                settings.epochs().value(), batches, settings.optimizer() != null ? settings.optimizer().value()
                        : "1cycle peak LR " + maxLr.value() + " (" + maxLr.source() + ")");
        Fit<MultiLayerNetwork> fit = Fit.of(net, task).withEpochs(settings.epochs().value())
                .withSeed(settings.seed().value()).withProgress(settings.progress()).withNormalizer(normalizer);
        if (validIt != null) {
            fit = fit.withEarlyStopping(EarlyStopping.patience(settings.patience().value()));
        }
        for (Map.Entry<String, String> setting : card.asMap().entrySet()) {
            String key = setting.getKey().equals(CARD_PREFIX) ? CARD_PREFIX : CARD_PREFIX + "." + setting.getKey();
            fit = fit.withSetting(key, setting.getValue());
        }
        TrainedModel<MultiLayerNetwork> model = fit.run(trainIt, validIt);
        if (scaling == null) {
            return model;
        }
        scaling.foldInto(model.network());
        LOG.info("Regression targets standardized for training ({}); history losses are in standardized units, the "
                + "returned network predicts in the targets' own units", scaling);
        return new TrainedModel<>(model.network(), model.history(), model.card().withSetting(
                CARD_PREFIX + ".targetScaling", scaling + ", folded into the output layer"), normalizer);
    }

    private Setting<Double> findLr(DataSetIterator train, int batches) {
        MultiLayerNetwork probe = (MultiLayerNetwork) NetworkConfiguration.of(configuration(
                updater(DEFAULT_MAX_LR, batches))).init();
        LrFinderResult result = LrFinder.defaults().withTrainingRun(settings.epochs().value(), batches)
                .withProgress(settings.progress()).run(Net.of(probe), train);
        LOG.info("LR finder ({} steps, {} suggestion): peak learning rate {}", result.points().size(),
                result.chosen(), result.suggestion());
        return Setting.lrFinder(result.suggestion(), "(" + result.chosen() + ") on the training data");
    }

    private double maxLrOr(double fallback) {
        return settings.maxLr() != null ? settings.maxLr().value() : fallback;
    }

    private IUpdater updater(double maxLr, int batchesPerEpoch) {
        if (settings.optimizer() != null) {
            return settings.optimizer().value().clone();
        }
        return OneCycle.maxLr(maxLr).withEpochs(settings.epochs().value(), batchesPerEpoch).adam();
    }

    /** The LSTM stack, its last step, the head; clipping on every layer. */
    MultiLayerConfiguration configuration(IUpdater updater) {
        WeightInit init = WeightInits.forActivation(CELL_ACTIVATION);
        Clipping clipping = settings.clipping().value();
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder().seed(settings.seed().value())
                .dataType(DataType.FLOAT).updater(updater).weightInit(init);
        clipping.applyTo(base);
        NeuralNetConfiguration.ListBuilder list = base.list();
        int layers = settings.layers().value();
        for (int i = 0; i < layers; i++) {
            Layer lstm = new LSTM.Builder().nOut(settings.hiddenSize().value()).activation(CELL_ACTIVATION)
                    .gateActivationFunction(GATE_ACTIVATION).weightInit(init).weightInitRecurrent(init)
                    .forgetGateBiasInit(FORGET_GATE_BIAS).gradientNormalization(clipping.mode())
                    .gradientNormalizationThreshold(clipping.threshold()).build();
            Layer layer = settings.bidirectional().value() ? new Bidirectional(Bidirectional.Mode.CONCAT, lstm) : lstm;
            list.layer(i == layers - 1 ? new LastTimeStep(layer) : layer);
        }
        return list.layer(task.outputLayer()).setInputType(InputType.recurrent(features)).build();
    }

    private void check(String part, DataSet data) {
        long[] shape = data.getFeatures().shape();
        if (shape.length != 3 || shape[1] != features) {
            throw new IllegalArgumentException(part + ": recipe " + name + " reads sequences of " + features
                    + " value(s) per step, shape [examples, " + features + ", time], but the features have shape "
                    + Arrays.toString(shape) + "; fix: cut series with TimeSeries.windows(..) or stack sequences with "
                    + "Sequences.stack/padded, and build the recipe for their number of features");
        }
        long[] labels = data.getLabels().shape();
        if (labels.length != 2 || labels[1] != task.nOut()) {
            throw new IllegalArgumentException(part + ": recipe " + name + " predicts " + task.nOut() + " value(s) "
                    + "per sequence (labels [examples, " + task.nOut() + "]), but the labels have shape "
                    + Arrays.toString(labels) + "; fix: one label row per sequence (one-hot classes for a classifier)");
        }
        if (data.getFeaturesMaskArray() == null && data.getLabelsMaskArray() != null) {
            throw new IllegalArgumentException(part + ": a labels mask without a features mask; sequences of unequal "
                    + "length need a features mask that marks the padding; fix: build them with Sequences.padded(..)");
        }
    }

    private static DataSet collect(String part, DataSetIterator data) {
        List<DataSet> batches = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            batches.add(data.next());
        }
        data.reset();
        if (batches.isEmpty()) {
            throw new IllegalArgumentException(part + ": the iterator yields no batch; fix: pass a non-empty iterator "
                    + "that supports reset()");
        }
        return DataSet.merge(batches);
    }

    private RecipeCard card(Setting<Double> maxLr) {
        List<RecipeSetting> rows = new ArrayList<>();
        rows.add(Setting.derived(task.kind() + " (" + task.nOut() + " output(s), " + task.outputActivation() + ", "
                + task.loss() + ")", name).render("task"));
        rows.add(Setting.derived(features, "values per time step").render("inputs"));
        rows.add(Setting.derived("LSTM (tanh cell, sigmoid gates)", "DL4J M2.1 has no GRU layer").render("cell"));
        rows.add(settings.hiddenSize().render("hiddenSize"));
        rows.add(settings.layers().render("layers"));
        rows.add(settings.bidirectional().render("bidirectional"));
        rows.add(Setting.derived("last time step (mask-aware) -> output layer", "one label per sequence")
                .render("readout"));
        rows.add(Setting.derived(WeightInits.forActivation(CELL_ACTIVATION) + " (input and recurrent weights)",
                "tanh/sigmoid gates (WeightInits.forActivation); DL4J M2.1 has no orthogonal init").render("weightInit"));
        rows.add(Setting.byDefault(FORGET_GATE_BIAS, "Jozefowicz et al. 2015").render("forgetGateBias"));
        Clipping clipping = settings.clipping().value();
        rows.add(new Setting<>((clipping.mode() == GradientNormalization.ClipElementWiseAbsoluteValue ? "by value "
                : "by norm ") + clipping.threshold() + " (" + clipping.mode() + ")", settings.clipping().source(),
                settings.clipping().why()).render("clipping"));
        rows.add(Setting.byDefault("none inside the recurrence", "batch norm mixes time steps; clipping instead")
                .render("batchNorm"));
        rows.add(Setting.derived("standardized on the training data" + (task.kind() == TaskKind.REGRESSION
                ? ", targets too" : ""), "NormalizerStandardize, saved with the model").render("normalizer"));
        if (settings.optimizer() != null) {
            rows.add(settings.optimizer().render("optimizer"));
        } else {
            rows.add(Setting.byDefault("Adam, 1cycle LR and beta1 0.95-0.85-0.95", "fastai fit_one_cycle")
                    .render("optimizer"));
            rows.add(maxLr.render(MAX_LR));
        }
        rows.add(settings.epochs().render("epochs"));
        rows.add(settings.batchSize().render("batchSize"));
        rows.add(settings.patience().render("patience"));
        rows.add(settings.seed().render("seed"));
        return new RecipeCard(name, rows);
    }
}
