package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.optim.OptimizerKind;
import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.recipes.Setting;
import io.github.dl4jrecipes.recipes.tabular.TabularRules;
import io.github.dl4jrecipes.recipes.tabular.TabularSettings;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.List;
import java.util.Map;

/**
 * A search space whose candidates are {@link TabularRecipe}s: named hyperparameters (see the
 * {@code *} name constants) sampled by Arbiter and applied to a base recipe through its
 * typed {@link TabularSettings} (each value marked {@link io.github.dl4jrecipes.recipes.Source#TUNER}),
 * so every candidate is a recipe (and the best trial is returned as one).
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
public final class TabularSpace extends RecipeSpace<TabularRecipe, TabularSpace> {

    /** Number of hidden layers ({@code Integer}). */
    public static final String DEPTH = "depth";
    /** Width of the first hidden layer ({@code Integer}); each further layer is {@link TabularRules#TAPER} as wide. */
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
    /**
     * How the learning rate moves ({@link OptimizerKind}, one of {@link #OPTIMIZERS}): {@code ADAM}
     * is the recipe's Adam with the 1cycle policy peaking at {@link #MAX_LR}; {@code ADAM_HD} is
     * Adam-HD ({@link HypergradientAdam}, the paper's β) starting from {@link #MAX_LR} and adapting
     * it every step. Not in the preset space: add it with
     * {@code .with(OPTIMIZER, Params.choice(OPTIMIZER, OPTIMIZERS))}.
     */
    public static final String OPTIMIZER = "optimizer";
    /** Every hyperparameter a tabular space knows. */
    public static final List<String> NAMES =
            List.of(DEPTH, WIDTH, MAX_LR, BATCH_SIZE, DROPOUT, WEIGHT_DECAY, ACTIVATION, OPTIMIZER);
    /**
     * The activations searched: the whole ladder {@link TabularRecipe#ACTIVATIONS} (SELU,
     * ELU, Leaky ReLU, ReLU, tanh), the recipe's own.
     */
    public static final List<Activation> ACTIVATIONS = TabularRecipe.ACTIVATIONS;
    /** The values of {@link #OPTIMIZER}: 1cycle Adam (the recipe's default) or Adam-HD. */
    public static final List<OptimizerKind> OPTIMIZERS = List.of(OptimizerKind.ADAM, OptimizerKind.ADAM_HD);

    TabularSpace(TabularRecipe base, SearchSpace params) {
        super(base, params);
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    TabularSpace copy(SearchSpace parameters) {
        return new TabularSpace(base(), parameters);
    }

    @Override
    String kind() {
        return "tabular space";
    }

    @Override
    String settingKind() {
        return "a TabularRecipe.withX() setting";
    }

    /**
     * The recipe of one set of values.
     *
     * @param values hyperparameter values by name (a subset of {@link #NAMES})
     * @return the base recipe with these values applied
     */
    @Override
    public TabularRecipe toRecipe(Map<String, Object> values) {
        values.keySet().forEach(this::checkName);
        TabularSettings.Builder settings = base().settings().toBuilder();
        if (values.containsKey(DEPTH) || values.containsKey(WIDTH)) {
            List<Integer> baseWidths = baseWidths();
            int depth = values.containsKey(DEPTH) ? ((Number) values.get(DEPTH)).intValue() : baseWidths.size();
            int width = values.containsKey(WIDTH) ? ((Number) values.get(WIDTH)).intValue() : baseWidths.get(0);
            settings.hiddenLayers(Setting.tuner(TabularRules.tapered(width, depth, 1)));
        }
        if (values.containsKey(MAX_LR)) {
            settings.maxLr(Setting.tuner(((Number) values.get(MAX_LR)).doubleValue()));
        }
        if (values.containsKey(BATCH_SIZE)) {
            settings.batchSize(Setting.tuner(((Number) values.get(BATCH_SIZE)).intValue()));
        }
        if (values.containsKey(DROPOUT)) {
            settings.dropout(Setting.tuner(((Number) values.get(DROPOUT)).doubleValue()));
        }
        if (values.containsKey(WEIGHT_DECAY)) {
            settings.weightDecay(Setting.tuner(((Number) values.get(WEIGHT_DECAY)).doubleValue()));
        }
        if (values.containsKey(ACTIVATION)) {
            settings.activation(Setting.tuner(activationOf(values.get(ACTIVATION))));
        }
        if (values.containsKey(OPTIMIZER)) {
            double lr = values.containsKey(MAX_LR) ? ((Number) values.get(MAX_LR)).doubleValue()
                    : base().resolvedSettings().maxLr().value();
            settings.optimizer(optimizerOf(values.get(OPTIMIZER)) == OptimizerKind.ADAM_HD
                    ? Setting.tuner(HypergradientAdam.of(lr)) : null);
        }
        return base().withSettings(settings.build());
    }

    @Override
    public java.util.Optional<Double> lrFinderPick() {
        Setting<Double> maxLr = base().settings().maxLr();
        return maxLr != null && maxLr.source() == io.github.dl4jrecipes.recipes.Source.LR_FINDER
                ? java.util.Optional.of(maxLr.value()) : java.util.Optional.empty();
    }

    @Override
    Map<String, Object> baseValues() {
        TabularSettings resolved = base().resolvedSettings();
        List<Integer> widths = resolved.hiddenLayers().value();
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put(DEPTH, widths.size());
        values.put(WIDTH, widths.get(0));
        values.put(MAX_LR, resolved.maxLr().value());
        values.put(BATCH_SIZE, resolved.batchSize().value());
        values.put(DROPOUT, resolved.dropout().value());
        values.put(WEIGHT_DECAY, resolved.weightDecay().value());
        values.put(ACTIVATION, resolved.activation().value());
        Setting<IUpdater> optimizer = base().settings().optimizer();
        values.put(OPTIMIZER, optimizer != null && optimizer.value() instanceof HypergradientAdam
                ? OptimizerKind.ADAM_HD : OptimizerKind.ADAM);
        return values;
    }

    /** The base recipe's hidden layer widths, as it resolves them for its rows. */
    List<Integer> baseWidths() {
        return base().resolvedSettings().hiddenLayers().value();
    }

    private static OptimizerKind optimizerOf(Object value) {
        if (value instanceof OptimizerKind kind && OPTIMIZERS.contains(kind)) {
            return kind;
        }
        throw new IllegalArgumentException(OPTIMIZER + ": the tabular space tunes " + OPTIMIZERS + ", got " + value
                + "; fix: search Params.choice(TabularSpace.OPTIMIZER, TabularSpace.OPTIMIZERS) or a subset of it");
    }

    private static Activation activationOf(Object value) {
        if (value instanceof Activation activation && ACTIVATIONS.contains(activation)) {
            return activation;
        }
        throw new IllegalArgumentException(ACTIVATION + ": the tabular recipe builds " + ACTIVATIONS + " hidden "
                + "layers, got " + value + "; fix: search SearchBlocks.activations(TabularSpace.ACTIVATIONS) "
                + "or a subset of it");
    }
}
