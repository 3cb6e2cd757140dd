package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.activations.Activation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A search space whose candidates are {@link TabularRecipe}s: named hyperparameters (see the
 * {@code *} name constants) sampled by Arbiter and applied to a base recipe through its
 * {@code withX()} copies, so every candidate is a recipe (and the best trial is returned as one).
 * Made by {@link SearchSpaces#tabular(TabularRecipe)}; narrow or extend it with
 * {@link #with(String, ParameterSpace)} and {@link #without(String)} (a hyperparameter left out
 * keeps the base recipe's value).
 *
 * <p>The activation is drawn from {@link #ACTIVATIONS}, the whole activation ladder, and applied
 * with {@link TabularRecipe#withActivation}: the weight initialisation, the block (batch norm or
 * self-normalizing) and the dropout kind follow from it inside the recipe, so they are never
 * sampled on their own.
 *
 * <pre>{@code
 * TabularSpace space = SearchSpaces.tabular(recipe)
 *         .with(TabularSpace.DEPTH, SearchBlocks.depth(1, 2))      // narrow
 *         .without(TabularSpace.WEIGHT_DECAY);                     // keep the recipe's
 * }</pre>
 */
public final class TabularSpace implements ParameterSpace<TabularRecipe> {

    /** Number of hidden layers ({@code Integer}). */
    public static final String DEPTH = "depth";
    /** Width of the first hidden layer ({@code Integer}); each further layer is half as wide. */
    public static final String WIDTH = "width";
    /** Peak learning rate of the 1cycle policy ({@code Double}). */
    public static final String MAX_LR = "maxLr";
    /** Rows per update ({@code Integer}). */
    public static final String BATCH_SIZE = "batchSize";
    /** Dropout rate, the fraction of units dropped ({@code Double}). */
    public static final String DROPOUT = "dropout";
    /** Decoupled weight decay ({@code Double}). */
    public static final String WEIGHT_DECAY = "weightDecay";
    /** Hidden activation ({@link Activation}, one of {@link #ACTIVATIONS}). */
    public static final String ACTIVATION = "activation";
    /** Every hyperparameter a tabular space knows. */
    public static final List<String> NAMES =
            List.of(DEPTH, WIDTH, MAX_LR, BATCH_SIZE, DROPOUT, WEIGHT_DECAY, ACTIVATION);
    /**
     * The activations searched: the whole ladder {@link SearchBlocks#ACTIVATION_LADDER} (SELU,
     * ELU, Leaky ReLU, ReLU, tanh), which is what {@link TabularRecipe#ACTIVATIONS} builds.
     */
    public static final List<Activation> ACTIVATIONS = SearchBlocks.ACTIVATION_LADDER;
    /** Each further hidden layer is this fraction of the previous one's width (fastai's 200 → 100, as the recipe's rule). */
    public static final double TAPER = 0.5;

    /** The recipe card's setting that holds the resolved hidden layer widths. */
    static final String HIDDEN_LAYERS_SETTING = "hiddenLayers";

    private final TabularRecipe base;
    private final SearchSpace params;

    TabularSpace(TabularRecipe base, SearchSpace params) {
        this.base = Objects.requireNonNull(base, "base");
        this.params = Objects.requireNonNull(params, "params");
    }

    /** @return the recipe every candidate starts from */
    public TabularRecipe base() {
        return base;
    }

    /** @return the named hyperparameters */
    public SearchSpace parameters() {
        return params;
    }

    /**
     * @param name  one of {@link #NAMES}
     * @param space its new space (narrower, wider, or back after {@link #without})
     * @return a copy with {@code name} searched over {@code space}
     * @throws IllegalArgumentException when the name is not one of {@link #NAMES}
     */
    public TabularSpace with(String name, ParameterSpace<?> space) {
        checkName(name);
        return new TabularSpace(base, params.with(name, Objects.requireNonNull(space, "space")));
    }

    /**
     * @param name one of {@link #NAMES}
     * @return a copy that keeps the base recipe's value for {@code name}
     * @throws IllegalArgumentException when the name is unknown or it is the last hyperparameter
     */
    public TabularSpace without(String name) {
        checkName(name);
        return new TabularSpace(base, params.without(name));
    }

    /**
     * The recipe of one set of values.
     *
     * @param values hyperparameter values by name (a subset of {@link #NAMES})
     * @return the base recipe with these values applied
     */
    public TabularRecipe toRecipe(Map<String, Object> values) {
        values.keySet().forEach(TabularSpace::checkName);
        TabularRecipe recipe = base;
        if (values.containsKey(DEPTH) || values.containsKey(WIDTH)) {
            List<Integer> baseWidths = baseWidths();
            int depth = values.containsKey(DEPTH) ? ((Number) values.get(DEPTH)).intValue() : baseWidths.size();
            int width = values.containsKey(WIDTH) ? ((Number) values.get(WIDTH)).intValue() : baseWidths.get(0);
            recipe = recipe.withHiddenLayers(IntStream.range(0, depth)
                    .map(i -> Math.max(1, (int) Math.round(width * Math.pow(TAPER, i)))).toArray());
        }
        if (values.containsKey(MAX_LR)) {
            recipe = recipe.withMaxLr(((Number) values.get(MAX_LR)).doubleValue());
        }
        if (values.containsKey(BATCH_SIZE)) {
            recipe = recipe.withBatchSize(((Number) values.get(BATCH_SIZE)).intValue());
        }
        if (values.containsKey(DROPOUT)) {
            recipe = recipe.withDropout(((Number) values.get(DROPOUT)).doubleValue());
        }
        if (values.containsKey(WEIGHT_DECAY)) {
            recipe = recipe.withWeightDecay(((Number) values.get(WEIGHT_DECAY)).doubleValue());
        }
        if (values.containsKey(ACTIVATION)) {
            recipe = recipe.withActivation(activationOf(values.get(ACTIVATION)));
        }
        return recipe;
    }

    /** The base recipe's hidden layer widths, as its card resolves them ("[64]", "[128, 64]"). */
    List<Integer> baseWidths() {
        String widths = base.card().value(HIDDEN_LAYERS_SETTING);
        return Arrays.stream(widths.replaceAll("[\\[\\] ]", "").split(",")).map(Integer::valueOf).toList();
    }

    private static Activation activationOf(Object value) {
        if (value instanceof Activation activation && ACTIVATIONS.contains(activation)) {
            return activation;
        }
        throw new IllegalArgumentException(ACTIVATION + ": the tabular recipe builds " + ACTIVATIONS + " hidden "
                + "layers, got " + value + "; fix: search SearchBlocks.activations(TabularSpace.ACTIVATIONS) "
                + "or a subset of it");
    }

    private static void checkName(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("tabular space: unknown hyperparameter '" + name + "'; it must be one "
                    + "of " + NAMES + " (each maps to a TabularRecipe.withX() setting)");
        }
    }

    @Override
    public TabularRecipe getValue(double[] input) {
        return toRecipe(params.getValue(input));
    }

    @Override
    public int numParameters() {
        return params.numParameters();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<ParameterSpace> collectLeaves() {
        return params.collectLeaves();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Map<String, ParameterSpace> getNestedSpaces() {
        return params.getNestedSpaces();
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("TabularSpace is not a leaf; indices go to its leaves");
    }

    @Override
    public String toString() {
        return "TabularSpace" + params.getNestedSpaces();
    }
}
