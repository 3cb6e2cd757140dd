package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.hardware.FastBatchNorm;
import io.github.dl4jrecipes.core.hardware.FastPath;
import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.hardware.Backend;
import io.github.dl4jrecipes.core.hardware.OneDnn;
import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.lr.LrFinderResult;
import io.github.dl4jrecipes.core.optim.Optimizer;
import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.train.Checkpoints;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.NetworkConfiguration;
import io.github.dl4jrecipes.recipes.Recipe;
import io.github.dl4jrecipes.recipes.RecipeCard;
import io.github.dl4jrecipes.recipes.RecipeSetting;
import io.github.dl4jrecipes.recipes.Setting;
import io.github.dl4jrecipes.recipes.Source;
import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An image classifier recipe: a network for {@code height × width × channels} images and
 * {@code nClasses} classes, trained with Adam on the 1cycle policy at a learning rate found by the
 * LR range test, with {@link Augment#standard()} augmentation on a background thread, DL4J's
 * oneDNN helpers on ({@link Backend#setUp()}) and {@link CacheMode#DEVICE}. Every architecture is
 * a {@link ComputationGraph}, so the recipe hands back one kind of network whatever the preset.
 *
 * <table>
 *   <caption>Architecture presets</caption>
 *   <tr><th>preset</th><th>network</th><th>for</th></tr>
 *   <tr><td>{@link #small()} (default)</td><td>stages of conv 3×3 → BN → ReLU blocks with 2×2 max
 *       pooling, dense → BN → ReLU, dropout, softmax</td><td>28–64 px</td></tr>
 *   <tr><td>{@link #resnet()}</td><td>a small ResNet: 3×3 stem, one basic block per stage, global
 *       average pooling</td><td>28–64 px, the most accurate here</td></tr>
 *   <tr><td>{@link #lenet()}</td><td>LeNet-5 as in DL4J's examples</td><td>a reference</td></tr>
 *   <tr><td>{@link #transfer(Pretrained)}</td><td>a DL4J zoo architecture with weights from a
 *       local file and a new head; trained frozen, then unfrozen with discriminative learning
 *       rates</td><td>small data sets of larger images</td></tr>
 * </table>
 *
 * <pre>{@code
 * IdxImages fm = FashionMnist.load();
 * ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, 10)          // small(), standard(), 1cycle
 *         .withEpochs(10);
 * TrainedModel<ComputationGraph> model = recipe.fit(fm.train(), fm.test());
 * ComputationGraph net = model.network();                            // plain DL4J
 * }</pre>
 *
 * <p>Images are {@code [n, channels, height, width]} (DL4J's NCHW) in any fixed range, e.g. [0, 1]
 * as the data loaders give them; batch norm after the first convolution takes care of the scale.
 * Data of another size or channel count is refused before training starts.
 */
public final class ImageRecipe implements Recipe {

    private static final Logger LOG = LoggerFactory.getLogger(ImageRecipe.class);

    /** Batch size 64: fastai's {@code bs} default. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** Epochs: {@link Fit#DEFAULT_EPOCHS}. */
    public static final int DEFAULT_EPOCHS = Fit.DEFAULT_EPOCHS;
    /** Decoupled weight decay 0.01: fastai's {@code wd} default with Adam (AdamW). */
    public static final double DEFAULT_WEIGHT_DECAY = Optimizer.DEFAULT_WEIGHT_DECAY;
    /**
     * Peak LR 1e-3 (fastai's {@code defaults.lr}) where a configuration is built without data.
     */
    public static final double FALLBACK_MAX_LR = 1e-3;
    /**
     * No training-set metric after each epoch: measuring it is an inference pass over every
     * training image, about a fifth of an epoch's wall time for {@code small()} on Fashion-MNIST on
     * a 2-core CPU (353 s training + ~100 s for the pass, measured in this project); fastai does not
     * measure it either. The training loss is still recorded from the batches. Turn it on with
     * {@link #withTrainMetric(boolean)} when {@code Diagnosis} should read the run.
     */
    public static final boolean DEFAULT_TRAIN_METRIC = false;
    /**
     * Batches per epoch assumed by {@link #toConfiguration()} and {@link #build()}, which see no
     * data: they only size the 1cycle schedule. {@link #fit} sizes it to the data.
     */
    public static final int UNSIZED_BATCHES_PER_EPOCH = 100;
    /** Name of the graph's input. */
    static final String INPUT = "image";
    /** The recipe's name in cards. */
    static final String NAME = "image-classifier";
    /** Prefix of the recipe's settings in the trained model's card ({@code recipe.architecture}, ...). */
    public static final String CARD_PREFIX = "recipe";
    private static final String MAX_LR = "maxLr";

    private final ImageShape shape;
    private final Task task;
    private final ImageSettings settings;

    private ImageRecipe(ImageShape shape, Task task, ImageSettings settings) {
        this.shape = shape;
        this.task = task;
        this.settings = settings;
        if (settings.pretrained() == null) {
            settings.architecture().value().check(shape);
        } else {
            settings.pretrained().check(shape);
        }
    }

    /**
     * A classifier for images of one size, with the {@link #small()} architecture,
     * {@link Augment#standard()} augmentation and 1cycle at the LR finder's pick.
     *
     * @param height   rows of pixels, >= 1
     * @param width    columns of pixels, >= 1
     * @param channels 1 for grey, 3 for RGB
     * @param nClasses number of classes, >= 2
     */
    public static ImageRecipe classifier(int height, int width, int channels, int nClasses) {
        return new ImageRecipe(ImageShape.of(channels, height, width), Task.multiclass(nClasses),
                ImageSettings.defaults());
    }

    /** A copy with LeNet-5 (DL4J's example, ReLU convolutions): the reference. */
    public ImageRecipe lenet() {
        return withArchitecture(new LeNet());
    }

    /** A copy with the small conv → BN → ReLU network (the default). */
    public ImageRecipe small() {
        return withArchitecture(SmallCnn.defaults());
    }

    /** A copy with the small residual network. */
    public ImageRecipe resnet() {
        return withArchitecture(SmallResNet.defaults());
    }

    /**
     * A copy that fine-tunes a DL4J zoo architecture from local weights: a new head for this
     * recipe's classes, trained with the body frozen, then everything with discriminative
     * learning rates. See {@link Pretrained}.
     */
    public ImageRecipe transfer(Pretrained pretrained) {
        return with(settings.toBuilder().pretrained(Objects.requireNonNull(pretrained, "pretrained")));
    }

    private ImageRecipe withArchitecture(Architecture architecture) {
        return with(settings.toBuilder().pretrained(null)
                .architecture(Setting.userOr(ImageSettings.defaults().architecture(), architecture)));
    }

    /** A copy with another augmentation policy ({@link Augment#none()} turns it off). */
    public ImageRecipe withAugment(Augment augment) {
        return with(settings.toBuilder().augment(Setting.userOr(ImageSettings.defaults().augment(),
                Objects.requireNonNull(augment, "augment"))));
    }

    /** A copy that trains {@code epochs} epochs (the 1cycle spans all of them). */
    public ImageRecipe withEpochs(int epochs) {
        return with(settings.toBuilder().epochs(Setting.userOr(ImageSettings.defaults().epochs(), epochs)));
    }

    /** A copy with another batch size (used when {@link #fit(DataSet, DataSet)} batches the data). */
    public ImageRecipe withBatchSize(int batchSize) {
        return with(settings.toBuilder().batchSize(Setting.userOr(ImageSettings.defaults().batchSize(), batchSize)));
    }

    /** A copy with another seed (weights, shuffling, augmentation, dropout). */
    public ImageRecipe withSeed(long seed) {
        return with(settings.toBuilder().seed(Setting.userOr(ImageSettings.defaults().seed(), seed)));
    }

    /** A copy with 1cycle peaking at {@code maxLr}: the LR finder is skipped. */
    public ImageRecipe withMaxLr(double maxLr) {
        return withSchedule(OneCycle.maxLr(maxLr));
    }

    /**
     * A copy with 1cycle peaking at the suggestion of an LR range test run beforehand (e.g. with
     * {@link #findLr}); the card records it as the finder's pick.
     */
    public ImageRecipe withMaxLr(LrFinderResult result) {
        return with(settings.toBuilder().schedule(finderPick(result)));
    }

    /**
     * A copy with another learning-rate schedule: the LR finder is skipped. A {@link OneCycle}
     * without a length is sized to {@code epochs × batches per epoch}; its momentum cycles Adam's
     * β1. Other schedules drive plain Adam as they are.
     */
    public ImageRecipe withSchedule(ISchedule schedule) {
        return with(settings.toBuilder().schedule(Setting.user(Objects.requireNonNull(schedule, "schedule"))));
    }

    /**
     * A copy that trains with {@code updater} instead of Adam with the 1cycle policy (or the
     * given schedule): the updater's own learning rate (fixed, scheduled or self-adapting, e.g.
     * {@link io.github.dl4jrecipes.core.schedule.HypergradientAdam}) applies; no LR finder. Not
     * with {@code transfer(..)}.
     */
    public ImageRecipe withOptimizer(IUpdater updater) {
        Objects.requireNonNull(updater, "updater");
        return with(settings.toBuilder().optimizer(Setting.user(updater.clone())));
    }

    /** A copy with another decoupled weight decay λ (0 turns it off). */
    public ImageRecipe withWeightDecay(double weightDecay) {
        return with(settings.toBuilder().weightDecay(Setting.userOr(ImageSettings.defaults().weightDecay(),
                weightDecay)));
    }

    /**
     * A copy that does or does not measure the metric on the training images after each epoch
     * (default {@value #DEFAULT_TRAIN_METRIC}: see {@link #DEFAULT_TRAIN_METRIC}).
     */
    public ImageRecipe withTrainMetric(boolean measure) {
        return with(settings.toBuilder().trainMetric(Setting.userOr(ImageSettings.defaults().trainMetric(),
                measure)));
    }

    /** Whether {@link #fit} measures the training metric after each epoch. */
    public boolean trainMetric() {
        return settings.trainMetric().value();
    }

    /** A copy whose LR range test (when no schedule is given) runs with these settings. */
    public ImageRecipe withLrFinder(LrFinder lrFinder) {
        return with(settings.toBuilder().lrFinder(Objects.requireNonNull(lrFinder, "lrFinder")));
    }

    /**
     * A copy that saves checkpoints while it trains and, started again with the same folder and
     * settings, resumes from the latest one (bit-identical to an uninterrupted run, augmentation
     * included); a folder written with other settings is refused, naming the first that differs
     * (see {@link Checkpoints}). Not with {@code transfer(..)}.
     */
    public ImageRecipe withCheckpoints(Checkpoints folder) {
        return with(settings.toBuilder().checkpoints(Objects.requireNonNull(folder, "folder")));
    }

    /**
     * A copy with these settings (e.g. a tuner's, marked {@link io.github.dl4jrecipes.recipes.Source#TUNER}).
     *
     * @param changed settings, validated when they were built
     */
    public ImageRecipe withSettings(ImageSettings changed) {
        return new ImageRecipe(shape, task, Objects.requireNonNull(changed, "settings"));
    }

    private ImageRecipe with(ImageSettings.Builder changed) {
        return withSettings(changed.build());
    }

    /** The settings, typed, each with its source; a null schedule means the LR finder picks the peak at fit. */
    public ImageSettings settings() {
        return settings;
    }

    private static Setting<ISchedule> finderPick(LrFinderResult result) {
        return Setting.lrFinder(OneCycle.maxLr(result.suggestion()), "(" + result.chosen() + ")");
    }

    /** The image layout this recipe takes. */
    public ImageShape shape() {
        return shape;
    }

    /** The task: multi-class with softmax and cross-entropy. */
    public Task task() {
        return task;
    }

    /** "lenet", "small", "resnet" or "transfer:&lt;zoo model&gt;". */
    public String architecture() {
        return settings.pretrained() == null ? settings.architecture().value().name()
                : "transfer:" + settings.pretrained().name();
    }

    /** The augmentation policy. */
    public Augment augment() {
        return settings.augment().value();
    }

    /** The number of epochs. */
    public int epochs() {
        return settings.epochs().value();
    }

    /** The batch size. */
    public int batchSize() {
        return settings.batchSize().value();
    }

    /** The seed. */
    public long seed() {
        return settings.seed().value();
    }

    /**
     * The configuration (a {@link NetworkConfiguration.Graph}) with the 1cycle sized for
     * {@link #UNSIZED_BATCHES_PER_EPOCH} batches per epoch and, without a given schedule, peaking at
     * {@link #FALLBACK_MAX_LR}.
     */
    @Override
    public NetworkConfiguration toConfiguration() {
        return toConfiguration(UNSIZED_BATCHES_PER_EPOCH);
    }

    /**
     * The configuration as {@link #fit} builds it for {@code batchesPerEpoch} batches per epoch
     * (peaking at {@link #FALLBACK_MAX_LR} when no schedule is given: fit asks the LR finder).
     */
    public NetworkConfiguration toConfiguration(int batchesPerEpoch) {
        return NetworkConfiguration.of(configuration(settings.optimizer() != null ? settings.optimizer().value().clone()
                : updater(resolvedSchedule(batchesPerEpoch, FALLBACK_MAX_LR))));
    }

    /** An initialised network of {@link #toConfiguration()}. */
    @Override
    public ComputationGraph build() {
        return build(UNSIZED_BATCHES_PER_EPOCH);
    }

    /** An initialised network of {@link #toConfiguration(int)}. */
    public ComputationGraph build(int batchesPerEpoch) {
        return network(toConfiguration(batchesPerEpoch).graph());
    }

    /**
     * Every setting with its value and source, before training. Without a given schedule the
     * peak LR reads "LR finder at fit": {@link #fit} records the pick in the trained model's card.
     */
    @Override
    public RecipeCard card() {
        List<RecipeSetting> rows = new ArrayList<>();
        rows.add(new Setting<>(architecture(), settings.pretrained() != null ? Source.USER
                : settings.architecture().source(), settings.pretrained() != null ? ""
                : settings.architecture().why()).render("architecture"));
        rows.add(Setting.derived("[" + shape.channels() + ", " + shape.height() + ", " + shape.width() + "]",
                "classifier(height, width, channels, nClasses)").render("imageShape"));
        rows.add(Setting.derived(task.nOut(), "classifier(height, width, channels, nClasses)").render("classes"));
        rows.add(Setting.derived("ComputationGraph", "the recipe: every image preset is a graph").render("network"));
        rows.add(settings.augment().render("augment"));
        if (settings.optimizer() != null) {
            rows.add(settings.optimizer().render("optimizer"));
        } else {
            rows.add(Setting.byDefault("Adam, 1cycle LR and beta1 0.95-0.85-0.95", "fastai fit_one_cycle")
                    .render("optimizer"));
            Setting<ISchedule> schedule = settings.schedule();
            rows.add((schedule != null ? schedule : Setting.<ISchedule>byDefault(OneCycle.maxLr(FALLBACK_MAX_LR),
                    "fastai fit_one_cycle (peak below)")).render("schedule"));
            rows.add((schedule == null ? Setting.lrFinder("LR finder at fit", "(fastai lr_find, valley)")
                    : new Setting<Object>(givenPeak() != null ? givenPeak() : "set by the schedule", schedule.source(),
                    schedule.why())).render(MAX_LR));
        }
        rows.add(settings.weightDecay().render("weightDecay"));
        rows.add(settings.epochs().render("epochs"));
        rows.add(settings.batchSize().render("batchSize"));
        rows.add(settings.seed().render("seed"));
        rows.add(settings.trainMetric().render("trainMetric"));
        rows.add(Setting.byDefault(CacheMode.DEVICE, "keeps im2col for backprop (issue #8)").render("cacheMode"));
        rows.add(Setting.derived(OneDnn.wanted(), "Backend.setUp(): DL4J's oneDNN layer helpers").render("oneDnn"));
        rows.add(Setting.derived(FastBatchNorm.enabled(), "FastBatchNorm: batch norm by channel-wise ND4J ops "
                + "(issue #8)").render("fastBatchNorm"));
        rows.add(Setting.derived(FastPath.fastReluEnabled(), "FastPath: ReLU backward by step and multiply instead of "
                + "libnd4j's relu_bp (issue #19)").render("fastRelu"));
        if (settings.pretrained() != null) {
            rows.addAll(settings.pretrained().settings());
        }
        return new RecipeCard(NAME, rows);
    }

    /**
     * Runs the LR range test on a fresh network of this recipe with the training batches (not
     * augmented) and without weight decay (DL4J's loss would include the decay term), as {@link #fit}
     * does when no schedule is given. ND4J's random generator is seeded
     * with the recipe's seed first (dropout), so the same batches give the same pick.
     *
     * <p>The sweep costs at most the finder's share of this recipe's epochs over {@code train}
     * ({@link LrFinder#withTrainingRun}).
     *
     * @param train training batches of this recipe's image shape (passed over again when there are
     *              fewer than the sweep's steps)
     */
    public LrFinderResult findLr(DataSetIterator train) {
        ImageInput.check("train", train, shape, task.nOut());
        return findLr(train, ImageInput.batchesPerEpoch(train));
    }

    private LrFinderResult findLr(DataSetIterator train, int batchesPerEpoch) {
        // without weight decay: DL4J's score adds the decay term, which would hide the data loss the test reads
        ImageRecipe undecayed = withWeightDecay(0);
        ComputationGraph net = undecayed.network(undecayed.configuration(new Adam(FALLBACK_MAX_LR)));
        Nd4j.getRandom().setSeed(seed());
        return settings.lrFinder().withTrainingRun(epochs(), batchesPerEpoch).run(net, train);
    }

    /**
     * Trains on in-memory images: shuffled batches of {@link #batchSize()} each epoch.
     *
     * @param train images {@code [n, c, h, w]} and one-hot labels
     * @param valid validation images, or null
     */
    public TrainedModel<ComputationGraph> fit(DataSet train, DataSet valid) {
        Objects.requireNonNull(train, "train");
        return fit(InMemoryIterator.shuffled(train, batchSize(), seed()),
                valid == null ? null : InMemoryIterator.sequential(valid, batchSize()));
    }

    /**
     * Trains: checks the images against the recipe, finds the LR when no schedule is given
     * (logged), builds the network and trains it with augmentation on a background thread.
     *
     * @param train training batches (resettable), images {@code [n, c, h, w]}, one-hot labels
     * @param valid validation batches, or null
     * @throws IllegalArgumentException when the images or labels do not match the recipe
     */
    @Override
    public TrainedModel<ComputationGraph> fit(DataSetIterator train, DataSetIterator valid) {
        Objects.requireNonNull(train, "train");
        Backend.setUp();
        ImageInput.check("train", train, shape, task.nOut());
        if (valid != null) {
            ImageInput.check("valid", valid, shape, task.nOut());
        }
        int batches = ImageInput.batchesPerEpoch(train);
        if (settings.pretrained() != null && settings.schedule() != null
                && !(settings.schedule().value() instanceof OneCycle)) {
            throw new IllegalArgumentException("schedule: transfer(..) trains each phase with its own 1cycle, got "
                    + settings.schedule().value() + "; use withMaxLr(..) to set the peak, or no schedule for the LR "
                    + "finder");
        }
        ImageRecipe resolved = settings.schedule() != null || settings.optimizer() != null ? this
                : withSchedulePick(train, batches);
        Double maxLr = resolved.givenPeak();
        ISchedule lr = settings.optimizer() != null ? null
                : resolved.resolvedSchedule(batches, maxLr == null ? Double.NaN : maxLr);
        Map<String, String> fitSettings = fitSettings(resolved.card());
        DataSetIterator augmented = augment().isNone() ? train : augment().iterator(train, shape, seed());
        if (settings.pretrained() != null) {
            return new FineTune(resolved, ((OneCycle) lr).maxLr(), batches, fitSettings).run(augmented, valid);
        }
        IUpdater updater = settings.optimizer() != null ? settings.optimizer().value().clone() : updater(lr);
        Fit<ComputationGraph> fit = Fit.of(network(configuration(updater)), task).withEpochs(epochs())
                .withSeed(seed()).withTrainMetric(trainMetric());
        if (settings.checkpoints() != null) {
            fit = fit.withCheckpoints(settings.checkpoints());
        }
        for (Map.Entry<String, String> setting : fitSettings.entrySet()) {
            fit = fit.withSetting(setting.getKey(), setting.getValue());
        }
        return fit.run(augmented, valid);
    }

    /** This recipe with the LR finder's pick on {@code train} ({@code batches} per epoch) as its 1cycle (logged). */
    private ImageRecipe withSchedulePick(DataSetIterator train, int batches) {
        LrFinderResult result = findLr(train, batches);
        LOG.info("LR finder: 1cycle peaks at {} ({} suggestion over {} steps{})",
                String.format(Locale.ROOT, "%.3g", result.suggestion()), result.chosen(), result.points().size(),
                result.diverged() ? ", stopped at divergence" : "");
        return withMaxLr(result);
    }

    /** The peak of a given 1cycle, or null for another schedule. */
    private Double givenPeak() {
        return settings.schedule() != null && settings.schedule().value() instanceof OneCycle cycle
                ? cycle.maxLr() : null;
    }

    /** The card's settings for the trained model's card: {@code recipe.<name>}, plus the LR's source. */
    private static Map<String, String> fitSettings(RecipeCard card) {
        Map<String, String> settings = new TreeMap<>();
        card.asMap().forEach((name, value) -> settings.put(
                name.equals(CARD_PREFIX) ? CARD_PREFIX : CARD_PREFIX + "." + name, value));
        if (card.asMap().containsKey(MAX_LR)) {
            settings.put(CARD_PREFIX + "." + MAX_LR + "Source", card.setting(MAX_LR).source());
        }
        return settings;
    }

    /** The schedule fit trains with: the given one (a OneCycle sized), or 1cycle at {@code maxLr}. */
    ISchedule resolvedSchedule(int batchesPerEpoch, double maxLr) {
        ISchedule chosen = settings.schedule() == null ? OneCycle.maxLr(maxLr) : settings.schedule().value();
        if (chosen instanceof OneCycle cycle && cycle.totalIterations() == 0) {
            return cycle.withEpochs(epochs(), batchesPerEpoch);
        }
        return chosen;
    }

    /** Adam with the LR schedule; for 1cycle with β1 cycled against it (fastai). */
    static IUpdater updater(ISchedule lr) {
        if (lr instanceof OneCycle cycle) {
            return cycle.adam();
        }
        Adam adam = new Adam();
        adam.setLrAndSchedule(Double.NaN, lr);
        return adam;
    }

    /** The graph of this recipe with {@code updater} on every layer. */
    ComputationGraphConfiguration configuration(IUpdater updater) {
        if (settings.pretrained() != null) {
            return settings.pretrained().configuration(updater, weightDecay(), task, seed());
        }
        GraphBuilder graph = base(updater).graphBuilder().addInputs(INPUT)
                .setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()));
        String output = settings.architecture().value().addTo(graph, INPUT, shape, task);
        return graph.setOutputs(output).build();
    }

    /** The defaults every layer shares: seed, updater, weight decay, the CPU fast path, float. */
    NeuralNetConfiguration.Builder base(IUpdater updater) {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(seed()).updater(updater).dataType(DataType.FLOAT)
                .cacheMode(CacheMode.DEVICE)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (weightDecay() > 0) {
            // applied after the updater and scaled by the current LR: AdamW's rule
            builder.weightDecay(weightDecay(), true);
        }
        return builder;
    }

    /** An initialised network: for transfer, with the pretrained weights in the body. */
    ComputationGraph network(ComputationGraphConfiguration conf) {
        Backend.setUp();
        ComputationGraph net;
        if (settings.pretrained() != null) {
            net = settings.pretrained().network(conf);
        } else {
            net = new ComputationGraph(conf);
            net.init();
        }
        FastPath.install(net);
        return net;
    }

    Pretrained pretrained() {
        return settings.pretrained();
    }

    double weightDecay() {
        return settings.weightDecay().value();
    }
}
