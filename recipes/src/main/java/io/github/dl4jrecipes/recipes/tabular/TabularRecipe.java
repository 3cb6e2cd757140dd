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
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.NetworkConfiguration;
import io.github.dl4jrecipes.recipes.Recipe;
import io.github.dl4jrecipes.recipes.RecipeCard;
import io.github.dl4jrecipes.recipes.RecipeSetting;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
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
 * the output layer and loss from the task, Adam with the 1cycle policy, full-batch training below
 * {@value TabularRules#FULL_BATCH_BELOW_ROWS} rows. Categorical columns are one-hot inputs of a
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
     * Decoupled weight decay: 0, off. DL4J adds the decay penalty to the reported loss, where it
     * hides the data loss in the curves, and batch norm and dropout regularize already; use
     * {@code withWeightDecay(Optimizer.DEFAULT_WEIGHT_DECAY)} for fastai's {@code wd = 0.01}.
     */
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    /**
     * The activations the recipe builds, the activation ladder from self-normalizing to
     * saturating: SELU (Klambauer et al., 2017), ELU (Clevert et al., 2016), Leaky ReLU (Maas et
     * al., 2013), ReLU, tanh.
     */
    public static final List<Activation> ACTIVATIONS =
            List.of(Activation.SELU, Activation.ELU, Activation.LEAKYRELU, Activation.RELU, Activation.TANH);
    /** Hidden activation when none is set: ReLU, as fastai's {@code tabular_learner}. */
    public static final Activation DEFAULT_ACTIVATION = Activation.RELU;

    /** Prefix of the recipe's settings in the trained model's card ({@code recipe.hiddenLayers}, ...). */
    public static final String CARD_PREFIX = "recipe";

    private static final String RULE = "rule: ";
    private static final String DEFAULT = "default: ";

    private final String name;
    private final TabularSchema schema;
    private final Task task;
    private final Activation activation;
    private final List<Integer> hiddenLayers;
    private final Double dropout;
    private final Double maxLr;
    private final Integer epochs;
    private final Integer batchSize;
    private final Integer trainRows;
    private final double weightDecay;
    private final long seed;
    private final Progress progress;
    private final boolean embeddings;
    private final Checkpoints checkpoints;

    private TabularRecipe(String name, TabularSchema schema, Task task, Activation activation,
            List<Integer> hiddenLayers, Double dropout, Double maxLr, Integer epochs, Integer batchSize,
            Integer trainRows, double weightDecay, long seed, Progress progress, boolean embeddings,
            Checkpoints checkpoints) {
        this.name = name;
        this.schema = schema;
        this.task = task;
        this.activation = activation;
        this.hiddenLayers = hiddenLayers;
        this.dropout = dropout;
        this.maxLr = maxLr;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.trainRows = trainRows;
        this.weightDecay = weightDecay;
        this.seed = seed;
        this.progress = progress;
        this.embeddings = embeddings;
        this.checkpoints = checkpoints;
    }

    private static TabularRecipe create(String name, TabularSchema schema, Task task) {
        if (schema.encoding() != CategoricalEncoding.ONE_HOT) {
            throw new IllegalArgumentException("schema: " + schema.source() + " encodes categorical columns as "
                    + schema.encoding() + ", but tabular recipes read the " + CategoricalEncoding.ONE_HOT + " encoding; "
                    + "fix: read the table with the default encoding (drop .encoding(" + schema.encoding() + ")) and "
                    + "call withEntityEmbeddings() on the recipe for embeddings");
        }
        return new TabularRecipe(name, schema, task, DEFAULT_ACTIVATION, null, null, null, null, null, null,
                DEFAULT_WEIGHT_DECAY, Fit.DEFAULT_SEED, Progress.AUTO, false, null);
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
        if (!ACTIVATIONS.contains(hiddenActivation)) {
            throw new IllegalArgumentException("activation: the tabular recipe builds hidden layers with one of "
                    + ACTIVATIONS + " (the activation ladder), got " + hiddenActivation + "; fix: pass one of them, "
                    + "e.g. withActivation(Activation." + DEFAULT_ACTIVATION + ") (the default) or Activation.SELU for "
                    + "the self-normalizing network");
        }
        return new TabularRecipe(name, schema, task, hiddenActivation, hiddenLayers, dropout, maxLr, epochs,
                batchSize, trainRows, weightDecay, seed, progress, embeddings, checkpoints);
    }

    /** {@code withActivation(Activation.SELU)}: self-normalizing, LeCun normal init, AlphaDropout, no batch norm. */
    public TabularRecipe selfNormalizing() {
        return withActivation(Activation.SELU);
    }

    /** The hidden layers' activation (default {@link #DEFAULT_ACTIVATION}). */
    public Activation activation() {
        return activation;
    }

    /** A copy with these hidden layer widths instead of {@link TabularRules#hiddenLayers}. */
    public TabularRecipe withHiddenLayers(int... widths) {
        if (widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("hiddenLayers: need at least one layer, each >= 1 unit wide, got "
                    + Arrays.toString(widths) + "; e.g. withHiddenLayers(200, 100) (fastai's default)");
        }
        return new TabularRecipe(name, schema, task, activation, Arrays.stream(widths).boxed().toList(), dropout,
                maxLr, epochs, batchSize, trainRows, weightDecay, seed, progress, embeddings, checkpoints);
    }

    /** A copy with another dropout rate in [0, 1); 0 turns dropout off. */
    public TabularRecipe withDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate (fraction of units dropped) must be in [0, 1), got " + rate
                    + "; use " + DEFAULT_DROPOUT + " (ReLU) or " + DEFAULT_ALPHA_DROPOUT + " (SELU), or 0 for none");
        }
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, rate, maxLr, epochs, batchSize,
                trainRows, weightDecay, seed, progress, embeddings, checkpoints);
    }

    /** A copy whose 1cycle policy peaks at {@code lr}. */
    public TabularRecipe withMaxLr(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("maxLr must be a finite number > 0, got " + lr + "; use "
                    + DEFAULT_MAX_LR + " or the LR finder's suggestion");
        }
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, lr, epochs, batchSize,
                trainRows, weightDecay, seed, progress, embeddings, checkpoints);
    }

    /** A copy that trains {@code count} epochs instead of {@link TabularRules#epochs}. */
    public TabularRecipe withEpochs(int count) {
        checkPositive("epochs", count, "the number of passes over the training data");
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, maxLr, count, batchSize,
                trainRows, weightDecay, seed, progress, embeddings, checkpoints);
    }

    /** A copy with this batch size instead of {@link TabularRules#batchSize}. */
    public TabularRecipe withBatchSize(int size) {
        checkPositive("batchSize", size, "rows per update");
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, maxLr, epochs, size, trainRows,
                weightDecay, seed, progress, embeddings, checkpoints);
    }

    /**
     * A copy that sizes {@link #toConfiguration()} for {@code rows} training rows (default: the
     * schema's row count); {@code fit} always uses the rows it is given.
     */
    public TabularRecipe withTrainRows(int rows) {
        checkPositive("trainRows", rows, "the number of training rows");
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, maxLr, epochs, batchSize, rows,
                weightDecay, seed, progress, embeddings, checkpoints);
    }

    /** A copy with another decoupled weight decay ≥ 0 (0 turns it off). */
    public TabularRecipe withWeightDecay(double decay) {
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got " + decay + "; use "
                    + Optimizer.DEFAULT_WEIGHT_DECAY + " (fastai) or 0 for none");
        }
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, maxLr, epochs, batchSize,
                trainRows, decay, seed, progress, embeddings, checkpoints);
    }

    /** A copy with another seed (weights, dropout, shuffling). */
    public TabularRecipe withSeed(long newSeed) {
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, maxLr, epochs, batchSize,
                trainRows, weightDecay, newSeed, progress, embeddings, checkpoints);
    }

    /** A copy with another progress display (default {@link Progress#AUTO}). */
    public TabularRecipe withProgress(Progress display) {
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, maxLr, epochs, batchSize,
                trainRows, weightDecay, seed, Objects.requireNonNull(display, "display"), embeddings, checkpoints);
    }

    /**
     * A copy that gives each categorical column its own entity embedding (Guo &amp; Berkhahn,
     * 2016), of {@link TabularRules#embeddingSize} dimensions, merged with the numeric inputs in
     * a {@code ComputationGraph}.
     */
    public TabularRecipe withEntityEmbeddings() {
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, maxLr, epochs, batchSize,
                trainRows, weightDecay, seed, progress, true, checkpoints);
    }

    /**
     * A copy that saves checkpoints while it trains and, started again with the same folder and
     * settings, resumes from the latest one (bit-identical to an uninterrupted run); a folder
     * written with other settings is refused, naming the first that differs (see {@link Checkpoints}).
     */
    public TabularRecipe withCheckpoints(Checkpoints folder) {
        Objects.requireNonNull(folder, "folder");
        return new TabularRecipe(name, schema, task, activation, hiddenLayers, dropout, maxLr, epochs, batchSize,
                trainRows, weightDecay, seed, progress, embeddings, folder);
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
        return embeddings
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
        int batch = Math.min(rows, batchSize != null ? batchSize : TabularRules.batchSize(rows));
        DataSetIterator trainIt = InMemoryIterator.shuffled(train, batch, seed);
        DataSetIterator validIt = valid == null ? null
                : InMemoryIterator.sequential(valid, Math.max(1, Math.min(valid.numExamples(), batch)));
        return run(rows, (rows + batch - 1) / batch, trainIt, validIt);
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
        train.reset();
        while (train.hasNext()) {
            DataSet batch = train.next();
            if (batches == 0) {
                checkWidths("train", batch);
            }
            rows += batch.numExamples();
            batches++;
        }
        train.reset();
        if (batches == 0) {
            throw new IllegalArgumentException("train: the iterator yields no batch; fix: pass a non-empty iterator "
                    + "that supports reset()");
        }
        return run(rows, batches, train, valid);
    }

    private TrainedModel<? extends Model> run(int rows, int batches, DataSetIterator train, DataSetIterator valid) {
        if (task.kind() != TaskKind.REGRESSION) {
            return train(resolve(rows, batches, findLr(rows, batches, train)), train, valid);
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
            TrainedModel<? extends Model> model = train(resolve(rows, batches, findLr(rows, batches, train)), train,
                    valid);
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
     * (null otherwise). Few batches are repeated to give the finder its steps: with full-batch
     * training every step sees the whole table.
     */
    private LrFinderResult findLr(int rows, int batches, DataSetIterator train) {
        return maxLr != null ? null : sweep(rows, batches, train);
    }

    /**
     * The learning-rate range test ({@link LrFinder#defaults()}) on this recipe's network and
     * {@code train}, batched as {@link #fit(DataSet, DataSet)} would; what {@code fit} runs when
     * no learning rate is set, at most {@link LrFinder#DEFAULT_MAX_SHARE} of the planned run's
     * steps. The result can be plotted and saved.
     */
    public LrFinderResult findLr(DataSet train) {
        Objects.requireNonNull(train, "train");
        checkWidths("train", train);
        int rows = train.numExamples();
        int batch = Math.min(rows, batchSize != null ? batchSize : TabularRules.batchSize(rows));
        DataSetIterator it = InMemoryIterator.shuffled(train, batch, seed);
        if (task.kind() == TaskKind.REGRESSION) {
            it.setPreProcessor(TargetScaling.of(it).preProcessor(null));
        }
        return sweep(rows, (rows + batch - 1) / batch, it);
    }

    private LrFinderResult sweep(int rows, int batches, DataSetIterator train) {
        Resolved resolved = resolve(rows, batches, null);
        Net net = Net.of(resolved.configuration().init());
        LrFinderResult result = LrFinder.defaults().withTrainingRun(resolved.epochs(), batches).withProgress(progress)
                .run(net, train);
        LOG.info("LR finder ({} steps, {} suggestion): peak learning rate {}", result.points().size(),
                result.chosen(), result.suggestion());
        return result;
    }

    private TrainedModel<? extends Model> train(Resolved resolved, DataSetIterator train, DataSetIterator valid) {
        Model net = resolved.configuration().init();
        LOG.info("Training {} ({} parameters): {} epochs of {} batch(es), 1cycle peak LR {} ({})", name,
                net.numParams(), resolved.epochs(), resolved.batchesPerEpoch(), resolved.maxLr(),
                resolved.card().setting("maxLr").source());
        return train(net, resolved, train, valid);
    }

    private TrainedModel<? extends Model> train(Model net, Resolved resolved, DataSetIterator train,
            DataSetIterator valid) {
        return configure(Fit.of(Net.of(net), task), resolved).run(train, valid);
    }

    private <N extends Model> Fit<N> configure(Fit<N> fit, Resolved resolved) {
        Fit<N> configured = fit.epochs(resolved.epochs()).seed(seed).progress(progress);
        if (checkpoints != null) {
            configured = configured.checkpoints(checkpoints);
        }
        for (Map.Entry<String, String> setting : resolved.card().asMap().entrySet()) {
            String key = setting.getKey().equals(CARD_PREFIX) ? CARD_PREFIX : CARD_PREFIX + "." + setting.getKey();
            configured = configured.setting(key, setting.getValue());
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
        return trainRows != null ? trainRows : schema.rows();
    }

    private Resolved resolve(int rows) {
        int batch = Math.min(rows, batchSize != null ? batchSize : TabularRules.batchSize(rows));
        return resolve(rows, (rows + batch - 1) / batch, null);
    }

    private Resolved resolve(int rows, int batches, LrFinderResult found) {
        int batch = (rows + batches - 1) / batches;
        List<Integer> widths = hiddenLayers != null ? hiddenLayers
                : TabularRules.hiddenLayers(rows, schema.numInputs(), task.nOut());
        int epochCount = epochs != null ? epochs : TabularRules.epochs(batches);
        double lr = maxLr != null ? maxLr : found != null ? found.suggestion() : DEFAULT_MAX_LR;
        boolean selfNormalizing = TabularNetworks.isSelfNormalizing(activation);
        double rate = dropout != null ? dropout
                : selfNormalizing ? DEFAULT_ALPHA_DROPOUT : DEFAULT_DROPOUT;
        OneCycle schedule = OneCycle.maxLr(lr).withEpochs(epochCount, batches);
        TabularNetworks.Spec spec = new TabularNetworks.Spec(schema, task, activation, widths, rate, weightDecay,
                schedule.adam(), seed);
        NetworkConfiguration configuration = usesEmbeddings()
                ? NetworkConfiguration.of(TabularNetworks.graph(spec))
                : NetworkConfiguration.of(TabularNetworks.multiLayer(spec));

        List<RecipeSetting> settings = new ArrayList<>();
        settings.add(RecipeSetting.of("task", task.kind() + " (" + task.nOut() + " output(s), "
                + task.outputActivation() + ", " + task.loss() + ")", "derived from target '" + schema.target()
                + "' (" + schema.targetKind() + ")"));
        settings.add(RecipeSetting.of("inputs", schema.numInputs(), "schema of " + schema.source() + ": "
                + schema.features().size() + " feature columns"));
        settings.add(RecipeSetting.of("categoricals", usesEmbeddings() ? "entity embeddings " + embeddingSizes()
                : "one-hot", embeddings ? RecipeSetting.USER + ", size min(600, round(1.6 n^0.56)) (fastai)"
                        : DEFAULT + "one-hot inputs"));
        settings.add(RecipeSetting.of("network", configuration.isGraph() ? "ComputationGraph" : "MultiLayerNetwork",
                "derived from the categoricals"));
        settings.add(RecipeSetting.of("activation", activation, activation == DEFAULT_ACTIVATION
                ? DEFAULT + "ReLU (fastai tabular_learner)" : RecipeSetting.USER));
        settings.add(RecipeSetting.of("weightInit", WeightInits.forActivation(activation),
                "derived from the activation (WeightInits.forActivation: He for the ReLU family, Glorot for tanh, "
                        + "LeCun normal for SELU)"));
        settings.add(RecipeSetting.of("hiddenBlock", selfNormalizing ? "dense " + activation + ", no batch norm"
                : "dense (no bias) -> batch norm -> " + activation, "derived from the activation: "
                + (selfNormalizing ? "self-normalizing network (Klambauer et al. 2017)" : "fastai LinBnDrop")));
        settings.add(RecipeSetting.of("hiddenLayers", widths, hiddenLayers != null ? RecipeSetting.USER
                : RULE + "width = rows/(" + TabularRules.SAMPLES_PER_WEIGHT_ALPHA + "*(inputs+outputs)) in ["
                        + TabularRules.MIN_WIDTH + ", " + TabularRules.MAX_WIDTH + "] for " + rows + " rows; 2 layers "
                        + "from " + TabularRules.SECOND_LAYER_ROWS + " rows (Hagan et al.; fastai)"));
        settings.add(RecipeSetting.of("dropout", rate, dropout != null ? RecipeSetting.USER
                : DEFAULT + (selfNormalizing ? "AlphaDropout, Klambauer et al. 2017"
                        : "light dropout next to batch norm")));
        settings.add(RecipeSetting.of("optimizer", "Adam, 1cycle LR and beta1 0.95-0.85-0.95",
                DEFAULT + "fastai fit_one_cycle"));
        settings.add(RecipeSetting.of("maxLr", lr, maxLr != null ? RecipeSetting.USER
                : found != null ? "LR finder (" + found.chosen() + ") on the training data"
                : "LR finder at fit(); " + DEFAULT_MAX_LR + " (fastai tabular lessons) in toConfiguration()"));
        settings.add(RecipeSetting.of("weightDecay", weightDecay, weightDecay == DEFAULT_WEIGHT_DECAY
                ? DEFAULT + "off (batch norm and dropout regularize)" : RecipeSetting.USER));
        settings.add(RecipeSetting.of("batchSize", batch, batchSize != null ? RecipeSetting.USER
                : RULE + (batch == rows ? "full batch below " + TabularRules.FULL_BATCH_BELOW_ROWS + " rows"
                        : "fastai default from " + TabularRules.FULL_BATCH_BELOW_ROWS + " rows")));
        settings.add(RecipeSetting.of("epochs", epochCount, epochs != null ? RecipeSetting.USER
                : RULE + "at least " + TabularRules.MIN_EPOCHS + " epochs and " + TabularRules.MIN_UPDATES + " updates"));
        String rowsSource = rows != rows() ? "the training data given to fit()" : trainRows != null
                ? RecipeSetting.USER : "all rows of the schema until fit() sees the training rows";
        settings.add(RecipeSetting.of("trainRows", rows, rowsSource));
        settings.add(RecipeSetting.of("seed", seed, seed == Fit.DEFAULT_SEED ? DEFAULT + "fixed" : RecipeSetting.USER));
        return new Resolved(configuration, new RecipeCard(name, settings), epochCount, batches, lr);
    }

    private List<Integer> embeddingSizes() {
        return schema.features().stream().filter(c -> c.kind() == ColumnKind.CATEGORICAL)
                .map(c -> TabularRules.embeddingSize(c.cardinality())).toList();
    }

    private static void checkPositive(String setting, int value, String what) {
        Args.atLeast(setting, value, 1, "pass " + what);
    }

    /** Everything a run needs, resolved for one training set. */
    private record Resolved(NetworkConfiguration configuration, RecipeCard card, int epochs, int batchesPerEpoch,
            double maxLr) {
    }
}
