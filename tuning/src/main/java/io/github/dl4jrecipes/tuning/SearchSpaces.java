package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.recipes.RecipeSetting;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /** The recipe card's setting that holds the rows the recipe is sized for. */
    private static final String TRAIN_ROWS_SETTING = "trainRows";

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
        return tabular(recipe, Double.parseDouble(recipe.card().value(TabularSpace.MAX_LR)));
    }

    /**
     * {@link #tabular(TabularRecipe)} with the learning-rate range centred on the LR finder's
     * suggestion for {@code train} ({@link TabularRecipe#findLr(DataSet)}), unless the recipe sets
     * a peak learning rate itself; the recipe is sized for {@code train}'s rows.
     *
     * @param recipe the recipe to start from
     * @param train  the training rows the study will train on
     * @return the space
     */
    public static TabularSpace tabular(TabularRecipe recipe, DataSet train) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(train, "train");
        TabularRecipe sized = recipe.withTrainRows(train.numExamples());
        boolean userLr = RecipeSetting.USER.equals(sized.card().setting(TabularSpace.MAX_LR).source());
        double centre = userLr ? Double.parseDouble(sized.card().value(TabularSpace.MAX_LR))
                : sized.findLr(train).suggestion();
        return tabular(sized, centre);
    }

    private static TabularSpace tabular(TabularRecipe recipe, double lrCentre) {
        Map<String, ParameterSpace<?>> params = new LinkedHashMap<>();
        params.put(TabularSpace.MAX_LR, Params.logUniform(TabularSpace.MAX_LR, lrCentre / LR_SPAN, lrCentre * LR_SPAN));
        TabularSpace probe = new TabularSpace(recipe, SearchSpace.of(params));
        List<Integer> ruleWidths = probe.baseWidths();
        int rows = Integer.parseInt(recipe.card().value(TRAIN_ROWS_SETTING));
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
}
