package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.recipes.Setting;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.schedule.ISchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Preset search spaces derived from a recipe: ranges centred on what the recipe's rules of thumb
 * pick for the data, built from {@link SearchBlocks}.
 *
 * <pre>{@code
 * TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(27);   // 27 = the tuner's max epochs
 * TabularSpace space = SearchSpaces.tabular(recipe, split.train());                // LR range centred by the LR finder
 * TuningResult<TabularRecipe> result = Tuner.asha(space, 1, 27, 3).maxTrials(30)
 *         .run(TabularTuning.objective(split.train(), split.valid()));
 * TabularRecipe best = TabularTuning.best(result);
 *
 * ImageRecipe images = ImageRecipe.classifier(28, 28, 1, 10).withEpochs(9);
 * TuningResult<ImageRecipe> found = Tuner.asha(SearchSpaces.image(images, train), 1, 9, 3).maxTrials(20)
 *         .run(ImageTuning.objective(train, valid));
 * ImageRecipe bestImages = ImageTuning.best(found);
 * }</pre>
 */
public final class SearchSpaces {

    /**
     * How far the 1cycle peak learning rate is searched on either side of the recipe's (or the LR
     * finder's): a factor of 10, one decade each way, log-uniform. The LR range test's suggestion
     * is a heuristic point on a curve that is flat within about a decade (Smith 2017; fastai's
     * valley and steep suggestions typically differ by up to 10×).
     */
    public static final double LR_SPAN = 10;
    /** How far the first hidden layer's width is searched around the recipe's rule: a factor of 2 each way (powers of two). */
    public static final int WIDTH_SPAN = 2;
    /** Hidden layers searched beyond the recipe's rule: one more than it picks (capped at {@link SearchBlocks#MAX_DEPTH}). */
    public static final int EXTRA_DEPTH = 1;

    /**
     * Smallest image batch searched: 32, the upper end of the range Masters &amp; Luschi (2018)
     * found best for generalisation, and where CPU convolutions stop being dominated by per-batch
     * overhead; the largest is {@link SearchBlocks#MAX_BATCH}.
     */
    public static final int MIN_IMAGE_BATCH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(SearchSpaces.class);
    private static final String LR_FINDER_WHY = "LR range test on the training data (SearchSpaces)";

    private SearchSpaces() {
    }

    /**
     * The tabular preset: depth 1 … rule + {@value #EXTRA_DEPTH} hidden layers, the first
     * {@value #WIDTH_SPAN}× narrower … wider than the rule's (powers of two, further layers
     * tapering by half), 1cycle peak LR log-uniform within {@value #LR_SPAN}× of the recipe's
     * ({@link TabularRecipe#DEFAULT_MAX_LR} unless set), batch size as powers of two from
     * {@link SearchBlocks#MIN_BATCH} to the largest that fits the training rows, dropout
     * {@link SearchBlocks#dropoutRate()}, weight decay {@link SearchBlocks#weightDecay()} (log
     * scale) and the activation from {@link TabularSpace#ACTIVATIONS} (init derived from it).
     * Everything else (epochs = the 1cycle length, seed, entity embeddings) comes from the recipe:
     * set its epochs to the tuner's maximum epochs.
     *
     * @param recipe the recipe to start from; sized for its train rows ({@link TabularRecipe#withTrainRows})
     * @return the space; narrow or extend it with {@code with}/{@code without}
     */
    public static TabularSpace tabular(TabularRecipe recipe) {
        Objects.requireNonNull(recipe, "recipe");
        return tabular(recipe, recipe.resolvedSettings().maxLr().value());
    }

    /**
     * {@link #tabular(TabularRecipe)} with the learning-rate range centred on the LR finder's
     * suggestion for {@code train} ({@link TabularRecipe#findLr(DataSet)}), unless the recipe sets
     * a peak learning rate itself; the recipe is sized for {@code train}'s rows, and its peak
     * learning rate set to the suggestion (as {@link TabularRecipe#fit} would), so that the recipe
     * as given, the study's first trial, is the recipe {@code fit} trains.
     *
     * @param recipe the recipe to start from
     * @param train  the training rows the study will train on
     * @return the space
     */
    public static TabularSpace tabular(TabularRecipe recipe, DataSet train) {
        return tabular(recipe, train, (StudyStorage) null);
    }

    /**
     * {@link #tabular(TabularRecipe, DataSet)} for the study in {@code study}: when that study
     * recorded the LR finder's pick (every study over such a space does), the range is centred on
     * it without running the LR range test again, so a resumed or finished study opens at once and
     * matches its space.
     *
     * @param recipe the recipe to start from
     * @param train  the training rows the study will train on
     * @param study  the study directory the space is for (new or existing), or null
     * @return the space
     */
    public static TabularSpace tabular(TabularRecipe recipe, DataSet train, Path study) {
        return tabular(recipe, train, study == null ? null : StudyStorage.directory(study));
    }

    /**
     * {@link #tabular(TabularRecipe, DataSet, Path)} for a study in any storage (a database study:
     * the pick the first worker recorded, so every worker searches the same space).
     *
     * @param recipe  the recipe to start from
     * @param train   the training rows the study will train on
     * @param storage where the study lives (new or existing), or null
     * @return the space
     */
    public static TabularSpace tabular(TabularRecipe recipe, DataSet train, StudyStorage storage) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(train, "train");
        TabularRecipe sized = recipe.withTrainRows(train.numExamples());
        if (sized.settings().maxLr() != null) {
            return tabular(sized, sized.settings().maxLr().value());
        }
        double centre = keptPick(storage).orElseGet(() -> sized.findLr(train).suggestion());
        return tabular(sized.withSettings(sized.settings().toBuilder()
                .maxLr(Setting.lrFinder(centre, LR_FINDER_WHY)).build()), centre);
    }

    /** The LR finder's pick recorded in {@code study}, logged when found. */
    private static Optional<Double> keptPick(StudyStorage study) {
        Optional<Double> kept = study == null ? Optional.empty() : study.lrFinderPick();
        kept.ifPresent(pick -> LOG.info("LR finder's pick {} read from {}: the LR range test is not run again",
                pick, study));
        return kept;
    }

    private static TabularSpace tabular(TabularRecipe recipe, double lrCentre) {
        Map<String, ParameterSpace<?>> params = new LinkedHashMap<>();
        params.put(TabularSpace.MAX_LR, Params.logUniform(TabularSpace.MAX_LR, lrCentre / LR_SPAN, lrCentre * LR_SPAN));
        TabularSpace probe = new TabularSpace(recipe, SearchSpace.of(params));
        List<Integer> ruleWidths = probe.baseWidths();
        int rows = recipe.resolvedSettings().trainRows().value();
        int maxDepth = Math.min(SearchBlocks.MAX_DEPTH, ruleWidths.size() + EXTRA_DEPTH);
        if (maxDepth > SearchBlocks.MIN_DEPTH) {
            params.put(TabularSpace.DEPTH, SearchBlocks.depth(SearchBlocks.MIN_DEPTH, maxDepth));
        }
        int rule = Integer.highestOneBit(ruleWidths.get(0));
        int minWidth = Math.max(SearchBlocks.MIN_WIDTH, rule / WIDTH_SPAN);
        int maxWidth = Math.min(SearchBlocks.MAX_WIDTH, rule * WIDTH_SPAN);
        if (maxWidth > minWidth) {
            params.put(TabularSpace.WIDTH, SearchBlocks.width(minWidth, maxWidth));
        }
        int maxBatch = Math.min(SearchBlocks.MAX_BATCH, Integer.highestOneBit(rows));
        if (maxBatch > SearchBlocks.MIN_BATCH) {
            params.put(TabularSpace.BATCH_SIZE, Params.powersOfTwo(TabularSpace.BATCH_SIZE, SearchBlocks.MIN_BATCH,
                    maxBatch));
        }
        params.put(TabularSpace.DROPOUT, SearchBlocks.dropoutRate());
        params.put(TabularSpace.WEIGHT_DECAY, SearchBlocks.weightDecay());
        params.put(TabularSpace.ACTIVATION, SearchBlocks.activations(TabularSpace.ACTIVATIONS));
        return new TabularSpace(recipe, SearchSpace.of(params));
    }

    /**
     * The image preset: 1cycle peak LR log-uniform within {@value #LR_SPAN}× of the recipe's
     * ({@link ImageRecipe#FALLBACK_MAX_LR} unless it sets one), batch size as powers of two from
     * {@value #MIN_IMAGE_BATCH} to {@link SearchBlocks#MAX_BATCH}, weight decay
     * {@link SearchBlocks#weightDecay()} (log scale), the augmentation preset
     * ({@link ImageSpace#AUGMENT_PRESETS}, keeping the recipe's flips) and, when the recipe uses
     * one of them, the architecture ({@link ImageSpace#ARCHITECTURES}). Everything else (epochs =
     * the 1cycle length, seed, image shape, classes) comes from the recipe: set its epochs to the
     * tuner's maximum epochs.
     *
     * @param recipe the recipe to start from
     * @return the space; narrow or extend it with {@code with}/{@code without}
     */
    public static ImageSpace image(ImageRecipe recipe) {
        Objects.requireNonNull(recipe, "recipe");
        return image(recipe, givenMaxLr(recipe).orElse(ImageRecipe.FALLBACK_MAX_LR), SearchBlocks.MAX_BATCH);
    }

    /**
     * {@link #image(ImageRecipe)} with the learning-rate range centred on the LR finder's
     * suggestion for {@code train} ({@link ImageRecipe#findLr}, in the recipe's batches), unless the
     * recipe sets a peak learning rate itself, and the largest batch no larger than {@code train};
     * the recipe's schedule is set to the suggestion, as {@link ImageRecipe#fit} would. With fewer
     * than {@link LrFinder#MIN_ITERATIONS} batches the finder cannot run and the range is centred on
     * {@link ImageRecipe#FALLBACK_MAX_LR} (logged), as {@link ImageRecipe#fit} does.
     *
     * @param recipe the recipe to start from
     * @param train  the training images the study will train on ({@code [n, c, h, w]}, one-hot labels)
     * @return the space
     */
    public static ImageSpace image(ImageRecipe recipe, DataSet train) {
        return image(recipe, train, (StudyStorage) null);
    }

    /**
     * {@link #image(ImageRecipe, DataSet)} for the study in {@code study}, reusing the LR finder's
     * pick it recorded (see {@link #tabular(TabularRecipe, DataSet, Path)}).
     *
     * @param recipe the recipe to start from
     * @param train  the training images the study will train on
     * @param study  the study directory the space is for (new or existing), or null
     * @return the space
     */
    public static ImageSpace image(ImageRecipe recipe, DataSet train, Path study) {
        return image(recipe, train, study == null ? null : StudyStorage.directory(study));
    }

    /**
     * {@link #image(ImageRecipe, DataSet, Path)} for a study in any storage.
     *
     * @param recipe  the recipe to start from
     * @param train   the training images the study will train on
     * @param storage where the study lives (new or existing), or null
     * @return the space
     */
    public static ImageSpace image(ImageRecipe recipe, DataSet train, StudyStorage storage) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(train, "train");
        int rows = train.numExamples();
        int maxBatch = Math.min(SearchBlocks.MAX_BATCH, Integer.highestOneBit(rows));
        OptionalDouble given = givenMaxLr(recipe);
        if (given.isPresent()) {
            return image(recipe, given.getAsDouble(), maxBatch);
        }
        Optional<Double> kept = keptPick(storage);
        int batches = (rows + recipe.batchSize() - 1) / recipe.batchSize();
        if (kept.isEmpty() && batches < LrFinder.MIN_ITERATIONS) {
            LOG.warn("LR finder skipped: {} batches of {} images, fewer than the {} it needs; the learning-rate range "
                    + "is centred on the fallback {}", batches, recipe.batchSize(), LrFinder.MIN_ITERATIONS,
                    ImageRecipe.FALLBACK_MAX_LR);
            return image(recipe, ImageRecipe.FALLBACK_MAX_LR, maxBatch);
        }
        double centre = kept.orElseGet(() -> recipe.findLr(InMemoryIterator.shuffled(train, recipe.batchSize(),
                recipe.seed())).suggestion());
        return image(recipe.withSettings(recipe.settings().toBuilder().schedule(Setting.lrFinder(OneCycle.maxLr(centre),
                LR_FINDER_WHY)).build()), centre, maxBatch);
    }

    private static ImageSpace image(ImageRecipe recipe, double lrCentre, int maxBatch) {
        Map<String, ParameterSpace<?>> params = new LinkedHashMap<>();
        params.put(ImageSpace.MAX_LR, Params.logUniform(ImageSpace.MAX_LR, lrCentre / LR_SPAN, lrCentre * LR_SPAN));
        if (maxBatch > MIN_IMAGE_BATCH) {
            params.put(ImageSpace.BATCH_SIZE, Params.powersOfTwo(ImageSpace.BATCH_SIZE, MIN_IMAGE_BATCH, maxBatch));
        }
        params.put(ImageSpace.WEIGHT_DECAY, SearchBlocks.weightDecay());
        params.put(ImageSpace.AUGMENT, Params.choice(ImageSpace.AUGMENT, ImageSpace.AUGMENT_PRESETS));
        if (ImageSpace.ARCHITECTURES.contains(recipe.architecture())) {
            params.put(ImageSpace.ARCHITECTURE, Params.choice(ImageSpace.ARCHITECTURE, ImageSpace.ARCHITECTURES));
        }
        return new ImageSpace(recipe, SearchSpace.of(params));
    }

    /** The 1cycle peak the recipe was given, if any; otherwise fit() would ask the LR finder. */
    private static OptionalDouble givenMaxLr(ImageRecipe recipe) {
        Setting<ISchedule> schedule = recipe.settings().schedule();
        return schedule != null && schedule.value() instanceof OneCycle cycle ? OptionalDouble.of(cycle.maxLr())
                : OptionalDouble.empty();
    }
}
