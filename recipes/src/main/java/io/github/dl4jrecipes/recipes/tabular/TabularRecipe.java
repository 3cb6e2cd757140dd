package io.github.dl4jrecipes.recipes.tabular;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.data.CategoricalEncoding;
import io.github.dl4jrecipes.core.data.ColumnKind;
import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.data.TabularSchema;
import io.github.dl4jrecipes.core.data.TargetKind;
import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.lr.LrFinderResult;
import io.github.dl4jrecipes.core.optim.Dropouts;
import io.github.dl4jrecipes.core.optim.Optimizer;
import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.task.TaskKind;
import io.github.dl4jrecipes.core.train.Checkpoints;
import io.github.dl4jrecipes.core.train.EarlyStopping;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.NetworkConfiguration;
import io.github.dl4jrecipes.recipes.Recipe;
import io.github.dl4jrecipes.recipes.RecipeCard;
import io.github.dl4jrecipes.recipes.RecipeSetting;
import io.github.dl4jrecipes.recipes.internal.TargetScaling;
import io.github.dl4jrecipes.recipes.Setting;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tabular model in a few lines, built from the data layer's {@link TabularSchema}: an MLP
 * sized by the data ({@link TabularRules}), dense → batch norm → ReLU blocks with He
 * initialisation and dropout (or another activation of the ladder {@link #ACTIVATIONS} through
 * {@link #withActivation}, SELU giving the self-normalizing network, the init always derived),
 * the output layer and loss from the task, Adam with the 1cycle policy, batches of
 * {@value TabularRules#SMALL_TABLE_BATCH_SIZE} rows below {@value TabularRules#SMALL_TABLE_ROWS}
 * rows, decoupled weight decay {@value #DEFAULT_WEIGHT_DECAY}. Categorical columns are one-hot inputs of a
 * {@code MultiLayerNetwork} by default; {@link #withEntityEmbeddings()} gives each its own entity
 * embedding instead (sized by fastai's rule), merged with the numeric inputs in a
 * {@code ComputationGraph}. Either way the data is the data layer's one-hot encoding.
 *
 * <pre>{@code
 * TabularData data = TabularData.fromCsv(path).target("species").build();
 * TabularSplit split = data.split(0.8, 42);
 * TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withSeed(42);
 * log.info("{}", recipe.card());                       // every setting and its source
 * TrainedModel<?> model = recipe.fit(split.train(), split.valid());
 * MultiLayerNetwork net = (MultiLayerNetwork) model.network();
 * }</pre>
 *
 * <p>Immutable; every {@code withX()} returns a changed copy. Unset sizes (hidden layers, batch
 * size, epochs) follow the training data: {@link #fit(DataSet, DataSet)} resolves them from the
 * rows it is given, {@link #toConfiguration()} from {@link #withTrainRows(int)} (default: the
 * schema's row count). When no learning rate is set, {@code fit} runs the learning-rate range
 * test ({@link LrFinder}, fastai's valley suggestion) on the training data first and logs its
 * pick; {@link #toConfiguration()} uses {@link #DEFAULT_MAX_LR} then.
 */
public final class TabularRecipe implements Recipe {

    private static final Logger LOG = LoggerFactory.getLogger(TabularRecipe.class);

    /**
     * Peak learning rate of the 1cycle policy in {@link #toConfiguration()} and {@link #card()}
     * when none is set ({@code fit} asks the LR finder instead): 1e-2, the rate fastai's tabular
     * lessons train with ({@code learn.fit_one_cycle(n, 1e-2)}).
     */
    public static final double DEFAULT_MAX_LR = 1e-2;
    /**
     * Dropout rate of the ReLU network: 0.1, light, because batch norm and weight decay already
     * regularize (Srivastava et al.'s 0.5 is for wide hidden layers).
     */
    public static final double DEFAULT_DROPOUT = 0.1;
    /** Dropout rate of the self-normalizing network: {@link Dropouts#DEFAULT_ALPHA_RATE} (Klambauer et al.). */
    public static final double DEFAULT_ALPHA_DROPOUT = Dropouts.DEFAULT_ALPHA_RATE;
    /**
     * Decoupled weight decay: {@link Optimizer#DEFAULT_WEIGHT_DECAY}, fastai's default {@code wd = 0.01}.
     * Measured on the bench's tabular-quality suite with small batches (Sonar, Glass, Pima, 2 split
     * seeds: 105 wrong test rows against 109 without; a thin margin, see README, "Tabular recipes").
     * DL4J adds the decay penalty to the reported loss, so the loss curves sit a little above the
     * data loss; {@code withWeightDecay(0)} turns it off.
     */
    public static final double DEFAULT_WEIGHT_DECAY = Optimizer.DEFAULT_WEIGHT_DECAY;
    /**
     * The activations the recipe builds, the activation ladder from self-normalizing to
     * saturating: SELU (Klambauer et al., 2017), ELU (Clevert et al., 2016), Leaky ReLU (Maas et
     * al., 2013), ReLU, tanh.
     */
    public static final List<Activation> ACTIVATIONS =
            List.of(Activation.SELU, Activation.ELU, Activation.LEAKYRELU, Activation.RELU, Activation.TANH);
    /** Hidden activation when none is set: ReLU, as fastai's {@code tabular_learner}. */
    public static final Activation DEFAULT_ACTIVATION = Activation.RELU;

    /**
     * Early stopping when none is set: 0, off (the whole 1cycle trains). Measured on the bench's
     * tabular-quality suite with small batches (Sonar, Glass, Pima, 2 split seeds): stopping after
     * 10 epochs without a better validation accuracy (best epoch restored) lost 5 and 6 test rows
     * on two of six classification splits, 1 on two and gained 1 on two: on 40–150 validation rows
     * accuracy ties and plateaus end the run while the 1cycle rate is still high. Turn it on with
     * {@link #withEarlyStopping(int)}.
     */
    public static final int DEFAULT_PATIENCE = 0;

    /** Prefix of the recipe's settings in the trained model's card ({@code recipe.hiddenLayers}, ...). */
    public static final String CARD_PREFIX = "recipe";
    private static final String MAX_LR = "maxLr";

    private final String name;
    private final TabularSchema schema;
    private final Task task;
    private final TabularSettings settings;

    private TabularRecipe(String name, TabularSchema schema, Task task, TabularSettings settings) {
        this.name = name;
        this.schema = schema;
        this.task = task;
        this.settings = settings;
    }

    private static TabularRecipe create(String name, TabularSchema schema, Task task) {
        if (schema.encoding() != CategoricalEncoding.ONE_HOT) {
            throw new IllegalArgumentException("schema: " + schema.source() + " encodes categorical columns as "
                    + schema.encoding() + ", but tabular recipes read the " + CategoricalEncoding.ONE_HOT + " encoding; "
                    + "fix: read the table with the default encoding (drop .encoding(" + schema.encoding() + ")) and "
                    + "call withEntityEmbeddings() on the recipe for embeddings");
        }
        return new TabularRecipe(name, schema, task, TabularSettings.defaults());
    }

    /**
     * A classifier for a binary (sigmoid, one 0/1 output) or multiclass (softmax) target. A
     * numeric target of integers (0, 1, 2: class codes) is read as classes, logged
     * ({@link TabularSchema#asClasses()}); {@link #fit(DataSet, DataSet)} then turns the codes in
     * the labels into classes, and {@link TabularModel#of} saves the transform with them.
     *
     * @throws IllegalArgumentException when the schema's target holds numbers that are not
     *     integer codes
     */
    public static TabularRecipe classifier(TabularSchema target) {
        Objects.requireNonNull(target, "schema");
        if (!target.targetKind().isClassification() && target.integerCodes().isEmpty()) {
            throw new IllegalArgumentException("schema: target '" + target.target() + "' of " + target.source()
                    + " is " + target.targetKind() + " and not made of integer class codes (at most "
                    + TabularSchema.MAX_INTEGER_CODES + " distinct integers), but classifier() needs classes; fix: use "
                    + "TabularRecipe.regressor(schema), or read the target as categorical "
                    + "(TabularData.fromCsv(..).targetKind(TargetKind.MULTICLASS))");
        }
        if (!target.targetKind().isClassification()) {
            LOG.info("Target '{}' of {} holds the integers {}: the classifier reads them as classes", target.target(),
                    target.source(), target.integerCodes());
        }
        TabularSchema schema = target.asClasses();
        Task task = schema.targetKind() == TargetKind.BINARY ? Task.binary() : Task.multiclass(schema.numClasses());
        return create("tabular-classifier", schema, task);
    }

    /**
     * A regressor for a numeric target (identity output, squared error).
     *
     * @throws IllegalArgumentException when the schema's target holds classes
     */
    public static TabularRecipe regressor(TabularSchema schema) {
        Objects.requireNonNull(schema, "schema");
        if (schema.targetKind() != TargetKind.REGRESSION) {
            throw new IllegalArgumentException("schema: target '" + schema.target() + "' of " + schema.source()
                    + " is " + schema.targetKind() + " with classes " + schema.classes() + ", but regressor() needs a "
                    + "numeric target; fix: use TabularRecipe.classifier(schema), or read the target as numeric "
                    + "(TabularData.fromCsv(..).targetKind(TargetKind.REGRESSION))");
        }
        return create("tabular-regressor", schema, Task.regression(1));
    }

    /**
     * A multi-label model: {@code nLabels} independent yes/no outputs (sigmoid, binary
     * cross-entropy). The features come from {@code schema}; the data layer reads one target
     * column, so the labels ({@code nLabels} 0/1 columns) come from your own {@code DataSet}s.
     *
     * @throws IllegalArgumentException when {@code nLabels} &lt; 1
     */
    public static TabularRecipe multilabel(TabularSchema schema, int nLabels) {
        Objects.requireNonNull(schema, "schema");
        Args.atLeast("nLabels", nLabels, 1, "pass the number of 0/1 label columns");
        return create("tabular-multilabel", schema, Task.multilabel(nLabels));
    }

    /**
     * A copy whose hidden layers use {@code hiddenActivation}, one of {@link #ACTIVATIONS}; the
     * network follows from it: {@link Activation#SELU} gives the self-normalizing network (dense
     * SELU layers, LeCun normal init, AlphaDropout, no batch norm; Klambauer et al., 2017), every
     * other activation dense (no bias) → batch norm → activation blocks with ordinary dropout. The
     * weight initialisation is always {@link WeightInits#forActivation} of the activation (He for
     * ELU, Leaky ReLU and ReLU, Glorot for tanh), never set on its own.
     *
     * @throws IllegalArgumentException when the activation is not one of {@link #ACTIVATIONS}
     */
    public TabularRecipe withActivation(Activation hiddenActivation) {
        Objects.requireNonNull(hiddenActivation, "activation");
        return with(settings.toBuilder().activation(
                Setting.userOr(TabularSettings.defaults().activation(), hiddenActivation)));
    }

    /** {@code withActivation(Activation.SELU)}: self-normalizing, LeCun normal init, AlphaDropout, no batch norm. */
    public TabularRecipe selfNormalizing() {
        return withActivation(Activation.SELU);
    }

    /** The hidden layers' activation (default {@link #DEFAULT_ACTIVATION}). */
    public Activation activation() {
        return settings.activation().value();
    }

    /** A copy with these hidden layer widths instead of {@link TabularRules#hiddenLayers}. */
    public TabularRecipe withHiddenLayers(int... widths) {
        return with(settings.toBuilder().hiddenLayers(Setting.user(Arrays.stream(widths).boxed().toList())));
    }

    /** A copy with another dropout rate in [0, 1); 0 turns dropout off. */
    public TabularRecipe withDropout(double rate) {
        return with(settings.toBuilder().dropout(Setting.user(rate)));
    }

    /** A copy whose 1cycle policy peaks at {@code lr}. */
    public TabularRecipe withMaxLr(double lr) {
        return with(settings.toBuilder().maxLr(Setting.user(lr)));
    }

    /** A copy that trains {@code count} epochs instead of {@link TabularRules#epochs}. */
    public TabularRecipe withEpochs(int count) {
        return with(settings.toBuilder().epochs(Setting.user(count)));
    }

    /** A copy with this batch size instead of {@link TabularRules#batchSize}. */
    public TabularRecipe withBatchSize(int size) {
        return with(settings.toBuilder().batchSize(Setting.user(size)));
    }

    /**
     * A copy that sizes {@link #toConfiguration()} for {@code rows} training rows (default: the
     * schema's row count); {@code fit} always uses the rows it is given.
     */
    public TabularRecipe withTrainRows(int rows) {
        return with(settings.toBuilder().trainRows(Setting.user(rows)));
    }

    /** A copy with another decoupled weight decay >= 0 (0 turns it off). */
    public TabularRecipe withWeightDecay(double decay) {
        return with(settings.toBuilder().weightDecay(Setting.userOr(TabularSettings.defaults().weightDecay(), decay)));
    }

    /**
     * A copy that stops when the validation metric has not improved for {@code patience} epochs
     * and restores the best epoch's weights ({@link EarlyStopping#patience}) instead of
     * {@link #DEFAULT_PATIENCE}; 0 turns early stopping off. It applies only when {@code fit} is
     * given validation rows.
     */
    public TabularRecipe withEarlyStopping(int patience) {
        return with(settings.toBuilder().patience(Setting.user(patience)));
    }

    /** A copy with another seed (weights, dropout, shuffling). */
    public TabularRecipe withSeed(long newSeed) {
        return with(settings.toBuilder().seed(Setting.userOr(TabularSettings.defaults().seed(), newSeed)));
    }

    /** A copy with another progress display (default {@link Progress#AUTO}). */
    public TabularRecipe withProgress(Progress display) {
        return with(settings.toBuilder().progress(Objects.requireNonNull(display, "display")));
    }

    /**
     * A copy that gives each categorical column its own entity embedding (Guo &amp; Berkhahn,
     * 2016), of {@link TabularRules#embeddingSize} dimensions, merged with the numeric inputs in
     * a {@code ComputationGraph}.
     */
    public TabularRecipe withEntityEmbeddings() {
        return with(settings.toBuilder().embeddings(Setting.user(true)));
    }

    /**
     * A copy that saves checkpoints while it trains and, started again with the same folder and
     * settings, resumes from the latest one (bit-identical to an uninterrupted run); a folder
     * written with other settings is refused, naming the first that differs (see {@link Checkpoints}).
     */
    public TabularRecipe withCheckpoints(Checkpoints folder) {
        return with(settings.toBuilder().checkpoints(Objects.requireNonNull(folder, "folder")));
    }

    /**
     * A copy that trains with {@code updater} instead of Adam with the 1cycle policy: the
     * updater's own learning rate (fixed, scheduled or self-adapting, e.g.
     * {@link io.github.dl4jrecipes.core.schedule.HypergradientAdam}) applies, and the LR finder
     * does not run. Each network gets its own copy.
     */
    public TabularRecipe withOptimizer(IUpdater updater) {
        Objects.requireNonNull(updater, "updater");
        return with(settings.toBuilder().optimizer(Setting.user(updater.clone())));
    }

    /**
     * A copy with these settings (e.g. a tuner's, marked {@link io.github.dl4jrecipes.recipes.Source#TUNER}).
     *
     * @param changed settings, validated when they were built
     */
    public TabularRecipe withSettings(TabularSettings changed) {
        return new TabularRecipe(name, schema, task, Objects.requireNonNull(changed, "settings"));
    }

    private TabularRecipe with(TabularSettings.Builder changed) {
        return withSettings(changed.build());
    }


    /** The settings as set: defaults and the user's choices; data-dependent ones are null until resolved. */
    public TabularSettings settings() {
        return settings;
    }

    /**
     * The settings resolved for {@link #withTrainRows(int) the configured rows} (what
     * {@link #toConfiguration()} and {@link #card()} use): every component set, with its source.
     */
    public TabularSettings resolvedSettings() {
        return resolve(rows()).settings();
    }

    /** The schema this recipe was built for. */
    public TabularSchema schema() {
        return schema;
    }

    /** The task (output layer, loss, metric) derived from the schema. */
    public Task task() {
        return task;
    }

    /** Whether categorical columns go through entity embeddings (set, and there is a categorical column). */
    public boolean usesEmbeddings() {
        return settings.embeddings().value()
                && schema.features().stream().anyMatch(c -> c.kind() == ColumnKind.CATEGORICAL);
    }

    @Override
    public NetworkConfiguration toConfiguration() {
        return resolve(rows()).configuration();
    }

    @Override
    public Model build() {
        return toConfiguration().init();
    }

    @Override
    public RecipeCard card() {
        return resolve(rows()).card();
    }

    /**
     * Trains on in-memory tables (e.g. {@code split.train()}, {@code split.valid()}) with the
     * recipe's batch size: shuffled each epoch with the seed.
     *
     * @param valid the validation rows, or null
     * @throws IllegalArgumentException when the data's width differs from the schema's
     */
    public TrainedModel<? extends Model> fit(DataSet codedTrain, DataSet codedValid) {
        Objects.requireNonNull(codedTrain, "train");
        DataSet train = classLabels(codedTrain);
        DataSet valid = codedValid == null ? null : classLabels(codedValid);
        checkWidths("train", train);
        if (valid != null) {
            checkWidths("valid", valid);
        }
        int rows = train.numExamples();
        int batch = batchFor(rows);
        DataSetIterator trainIt = InMemoryIterator.shuffled(train, batch, settings.seed().value());
        DataSetIterator validIt = valid == null ? null
                : InMemoryIterator.sequential(valid, Math.max(1, Math.min(valid.numExamples(), batch)));
        return run(rows, batch, (rows + batch - 1) / batch, trainIt, validIt);
    }

    /**
     * Trains on iterators, using their batches as they come (the recipe's batch size does not
     * apply); the number of batches per epoch, needed by the 1cycle policy, is counted with one
     * pass over {@code train}.
     */
    @Override
    public TrainedModel<? extends Model> fit(DataSetIterator train, DataSetIterator valid) {
        Objects.requireNonNull(train, "train");
        int rows = 0;
        int batches = 0;
        int first = 0;
        train.reset();
        while (train.hasNext()) {
            DataSet batch = train.next();
            if (batches == 0) {
                checkWidths("train", batch);
                first = batch.numExamples();
            }
            rows += batch.numExamples();
            batches++;
        }
        train.reset();
        if (batches == 0) {
            throw new IllegalArgumentException("train: the iterator yields no batch; fix: pass a non-empty iterator "
                    + "that supports reset()");
        }
        TabularRecipe asIterated = withSettings(settings.toBuilder()
                .batchSize(Setting.derived(first, "the iterator's batches")).build());
        return asIterated.run(rows, first, batches, train, valid);
    }

    /** Trains on {@code rows} rows in {@code batches} batches of (at most) {@code batch} rows. */
    private TrainedModel<? extends Model> run(int rows, int batch, int batches, DataSetIterator train,
            DataSetIterator valid) {
        if (task.kind() != TaskKind.REGRESSION) {
            return train(resolve(rows, batch, batches, findLr(rows, batch, batches, train)), train, valid);
        }
        TargetScaling scaling = TargetScaling.of(train);
        LOG.info("Regression target '{}' standardized for training ({}); history losses and metrics are in "
                + "standardized units, the returned network predicts in the target's own units", schema.target(),
                scaling);
        DataSetPreProcessor trainPre = train.getPreProcessor();
        DataSetPreProcessor validPre = valid == null ? null : valid.getPreProcessor();
        train.setPreProcessor(scaling.preProcessor(trainPre));
        if (valid != null) {
            valid.setPreProcessor(scaling.preProcessor(validPre));
        }
        try {
            TrainedModel<? extends Model> model = train(resolve(rows, batch, batches,
                    findLr(rows, batch, batches, train)), train, valid);
            scaling.foldInto(model.network());
            return new TrainedModel<>(model.network(), model.history(),
                    model.card().withSetting(CARD_PREFIX + ".targetScaling", scaling + ", folded into the output layer"),
                    model.normalizer().orElse(null));
        } finally {
            train.setPreProcessor(trainPre);
            if (valid != null) {
                valid.setPreProcessor(validPre);
            }
        }
    }

    /**
     * The learning-rate range test on the training batches, when the user set no learning rate
     * (null otherwise). Few batches are repeated to give the finder its steps.
     */
    private LrFinderResult findLr(int rows, int batch, int batches, DataSetIterator train) {
        return settings.maxLr() != null || settings.optimizer() != null ? null : sweep(rows, batch, batches, train);
    }

    /**
     * The learning-rate range test ({@link LrFinder#defaults()}) on this recipe's network and
     * {@code train}, batched as {@link #fit(DataSet, DataSet)} would; what {@code fit} runs when
     * no learning rate is set, told the planned run's length ({@link LrFinder#withTrainingRun}).
     * The result can be plotted and saved.
     */
    public LrFinderResult findLr(DataSet train) {
        Objects.requireNonNull(train, "train");
        checkWidths("train", train);
        int rows = train.numExamples();
        int batch = batchFor(rows);
        DataSetIterator it = InMemoryIterator.shuffled(train, batch, settings.seed().value());
        if (task.kind() == TaskKind.REGRESSION) {
            it.setPreProcessor(TargetScaling.of(it).preProcessor(null));
        }
        return sweep(rows, batch, (rows + batch - 1) / batch, it);
    }

    private LrFinderResult sweep(int rows, int batch, int batches, DataSetIterator train) {
        Resolved resolved = resolve(rows, batch, batches, null);
        Net net = Net.of(resolved.configuration().init());
        LrFinderResult result = LrFinder.defaults().withTrainingRun(resolved.epochs(), batches)
                .withProgress(settings.progress()).run(net, train);
        LOG.info("LR finder ({} steps, {} suggestion): peak learning rate {}", result.points().size(),
                result.chosen(), result.suggestion());
        return result;
    }

    private TrainedModel<? extends Model> train(Resolved resolved, DataSetIterator train, DataSetIterator valid) {
        Model net = resolved.configuration().init();
        Setting<IUpdater> optimizer = resolved.settings().optimizer();
        LOG.info("Training {} ({} parameters): {} epochs of {} batch(es), {}", name, net.numParams(),
                resolved.epochs(), resolved.batchesPerEpoch(), optimizer != null ? optimizer.value()
                : "1cycle peak LR " + resolved.maxLr() + " (" + resolved.settings().maxLr().render(MAX_LR).source() + ")");
        return train(net, resolved, train, valid);
    }

    private TrainedModel<? extends Model> train(Model net, Resolved resolved, DataSetIterator train,
            DataSetIterator valid) {
        Fit<Model> fit = configure(Fit.of(Net.of(net), task), resolved);
        int patience = resolved.settings().patience().value();
        return (valid != null && patience > 0 ? fit.withEarlyStopping(EarlyStopping.patience(patience)) : fit)
                .run(train, valid);
    }

    private <N extends Model> Fit<N> configure(Fit<N> fit, Resolved resolved) {
        Fit<N> configured = fit.withEpochs(resolved.epochs()).withSeed(settings.seed().value())
                .withProgress(settings.progress());
        if (settings.checkpoints() != null) {
            configured = configured.withCheckpoints(settings.checkpoints());
        }
        for (Map.Entry<String, String> setting : resolved.card().asMap().entrySet()) {
            String key = setting.getKey().equals(CARD_PREFIX) ? CARD_PREFIX : CARD_PREFIX + "." + setting.getKey();
            configured = configured.withSetting(key, setting.getValue());
        }
        return configured;
    }

    private void checkWidths(String part, DataSet data) {
        long inputs = data.getFeatures().size(1);
        if (inputs != schema.numInputs()) {
            throw new IllegalArgumentException(part + ": recipe " + name + " was built for " + schema.numInputs()
                    + " inputs (schema of " + schema.source() + ", " + schema.encoding() + " encoding: "
                    + schema.features().size() + " feature columns), but the data has " + inputs + " input columns; "
                    + "fix: build the recipe from the schema of the data you train on (data.schema()), encoded by the "
                    + "same transform");
        }
        long labels = data.getLabels().size(1);
        if (labels != task.nOut()) {
            throw new IllegalArgumentException(part + ": recipe " + name + " predicts " + task.nOut() + " output(s) "
                    + "for target '" + schema.target() + "' (" + task.kind() + "), but the data has " + labels
                    + " label column(s); fix: build the recipe from the schema of the data you train on");
        }
    }

    /**
     * {@code data} with its labels as this recipe trains on them: classes when they hold the
     * integer codes of a numeric target this classifier reads as classes (one label column for
     * several classes, or codes other than 0/1 for two); else {@code data} itself. For scoring
     * rows encoded by the same split, e.g. {@code split.test()}.
     */
    public DataSet classLabels(DataSet data) {
        INDArray labels = data.getLabels();
        boolean codes = schema.hasIntegerClasses() && labels.size(1) == 1 && (task.nOut() > 1
                || Arrays.stream(labels.toDoubleVector()).anyMatch(v -> v != 0 && v != 1));
        return codes ? new DataSet(data.getFeatures(), schema.classLabels(labels)) : data;
    }

    private int rows() {
        return settings.trainRows() != null ? settings.trainRows().value() : schema.rows();
    }

    /** Rows per update for {@code rows} training rows: the user's, or {@link TabularRules#batchSize}, at most all rows. */
    private int batchFor(int rows) {
        return Math.min(rows, settings.batchSize() != null ? settings.batchSize().value() : TabularRules.batchSize(rows));
    }

    private Resolved resolve(int rows) {
        int batch = batchFor(rows);
        return resolve(rows, batch, (rows + batch - 1) / batch, null);
    }

    /**
     * Every setting resolved for {@code rows} training rows in {@code batches} batches of at most
     * {@code batch} rows, and the network.
     */
    private Resolved resolve(int rows, int batch, int batches, LrFinderResult found) {
        TabularSettings resolved = settings.toBuilder()
                .hiddenLayers(settings.hiddenLayers() != null ? settings.hiddenLayers()
                        : Setting.rule(TabularRules.hiddenLayers(rows, schema.numInputs(), task.nOut()), "width = rows/("
                        + TabularRules.SAMPLES_PER_WEIGHT_ALPHA + "*(inputs+outputs)) in [" + TabularRules.MIN_WIDTH
                        + ", " + TabularRules.MAX_WIDTH + "] for " + rows + " rows; 2 layers from "
                        + TabularRules.SECOND_LAYER_ROWS + " rows (Hagan et al.; fastai)"))
                .dropout(settings.dropout() != null ? settings.dropout() : buildsSelfNormalizing()
                        ? Setting.byDefault(DEFAULT_ALPHA_DROPOUT, "AlphaDropout, Klambauer et al. 2017")
                        : Setting.byDefault(DEFAULT_DROPOUT, "light dropout next to batch norm"))
                .maxLr(settings.maxLr() != null ? settings.maxLr()
                        : found != null ? Setting.lrFinder(found.suggestion(), "(" + found.chosen() + ") on the training data")
                        : Setting.byDefault(DEFAULT_MAX_LR, "LR finder at fit(); " + DEFAULT_MAX_LR
                                + " (fastai tabular lessons) in toConfiguration()"))
                .epochs(settings.epochs() != null ? settings.epochs() : Setting.rule(TabularRules.epochs(batches),
                        "at least " + TabularRules.MIN_EPOCHS + " epochs and " + TabularRules.MIN_UPDATES + " updates"))
                .batchSize(settings.batchSize() != null ? new Setting<>(batch, settings.batchSize().source(),
                        settings.batchSize().why()) : Setting.rule(batch, rows < TabularRules.SMALL_TABLE_ROWS
                        ? "small batches below " + TabularRules.SMALL_TABLE_ROWS + " rows (Masters & Luschi 2018; "
                        + "measured on the bench's tabular-quality suite)" : "fastai default from "
                        + TabularRules.SMALL_TABLE_ROWS + " rows"))
                .patience(settings.patience() != null ? settings.patience()
                        : Setting.byDefault(DEFAULT_PATIENCE, "off: the whole 1cycle (measured on the bench's "
                        + "tabular-quality suite)"))
                .trainRows(rows != rows() ? Setting.derived(rows, "the training data given to fit()")
                        : settings.trainRows() != null ? settings.trainRows()
                        : Setting.byDefault(rows, "all rows of the schema until fit() sees the training rows"))
                .build();
        OneCycle schedule = OneCycle.maxLr(resolved.maxLr().value()).withEpochs(resolved.epochs().value(), batches);
        TabularNetworks.Spec spec = new TabularNetworks.Spec(schema, task, resolved.activation().value(),
                resolved.hiddenLayers().value(), resolved.dropout().value(), resolved.weightDecay().value(),
                resolved.optimizer() != null ? resolved.optimizer().value().clone() : schedule.adam(),
                resolved.seed().value());
        NetworkConfiguration configuration = usesEmbeddings()
                ? NetworkConfiguration.of(TabularNetworks.graph(spec))
                : NetworkConfiguration.of(TabularNetworks.multiLayer(spec));
        return new Resolved(configuration, resolved, card(resolved, configuration), batches);
    }

    private boolean buildsSelfNormalizing() {
        return TabularNetworks.isSelfNormalizing(activation());
    }

    /** The card: the resolved settings in order, with the rows derived from the schema and the activation. */
    private RecipeCard card(TabularSettings resolved, NetworkConfiguration configuration) {
        Activation activation = resolved.activation().value();
        boolean selfNormalizing = buildsSelfNormalizing();
        List<RecipeSetting> rows = new ArrayList<>();
        rows.add(Setting.derived(task.kind() + " (" + task.nOut() + " output(s), " + task.outputActivation() + ", "
                + task.loss() + ")", "target '" + schema.target() + "' (" + schema.targetKind() + ")").render("task"));
        rows.add(Setting.derived(schema.numInputs(), "the schema of " + schema.source() + ": "
                + schema.features().size() + " feature columns").render("inputs"));
        Setting<Boolean> embeddings = resolved.embeddings();
        rows.add(new Setting<>(usesEmbeddings() ? "entity embeddings " + embeddingSizes() : "one-hot",
                embeddings.source(), embeddings.chosen() ? "size min(600, round(1.6 n^0.56)) (fastai)"
                : embeddings.why()).render("categoricals"));
        rows.add(Setting.derived(configuration.isGraph() ? "ComputationGraph" : "MultiLayerNetwork",
                "the categoricals").render("network"));
        rows.add(resolved.activation().render("activation"));
        rows.add(Setting.derived(WeightInits.forActivation(activation), "the activation (WeightInits.forActivation: "
                + "He for the ReLU family, Glorot for tanh, LeCun normal for SELU)").render("weightInit"));
        rows.add(Setting.derived(selfNormalizing ? "dense " + activation + ", no batch norm"
                : "dense (no bias) -> batch norm -> " + activation, "the activation: "
                + (selfNormalizing ? "self-normalizing network (Klambauer et al. 2017)" : "fastai LinBnDrop"))
                .render("hiddenBlock"));
        rows.add(resolved.hiddenLayers().render("hiddenLayers"));
        rows.add(resolved.dropout().render("dropout"));
        if (resolved.optimizer() != null) {
            rows.add(resolved.optimizer().render("optimizer"));
        } else {
            rows.add(Setting.byDefault("Adam, 1cycle LR and beta1 0.95-0.85-0.95", "fastai fit_one_cycle")
                    .render("optimizer"));
            rows.add(resolved.maxLr().render(MAX_LR));
        }
        rows.add(resolved.weightDecay().render("weightDecay"));
        rows.add(resolved.batchSize().render("batchSize"));
        rows.add(resolved.epochs().render("epochs"));
        rows.add(resolved.patience().render("earlyStoppingPatience"));
        rows.add(resolved.trainRows().render("trainRows"));
        rows.add(resolved.seed().render("seed"));
        return new RecipeCard(name, rows);
    }

    private List<Integer> embeddingSizes() {
        return schema.features().stream().filter(c -> c.kind() == ColumnKind.CATEGORICAL)
                .map(c -> TabularRules.embeddingSize(c.cardinality())).toList();
    }

    /** Everything a run needs, resolved for one training set. */
    private record Resolved(NetworkConfiguration configuration, TabularSettings settings, RecipeCard card,
            int batchesPerEpoch) {
        int epochs() {
            return settings.epochs().value();
        }

        double maxLr() {
            return settings.maxLr().value();
        }
    }
}
