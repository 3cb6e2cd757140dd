package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A search space whose candidates are recipes: named hyperparameters sampled by Arbiter and
 * applied to a base recipe through its {@code withX()} copies, so every candidate is a recipe and
 * the best trial is returned as one. What {@link TabularSpace} and {@link ImageSpace} share: the
 * base recipe, narrowing and extending by name, and Arbiter's {@link ParameterSpace} contract.
 *
 * @param <R> the recipe type
 * @param <S> the concrete space type, returned by {@link #with} and {@link #without}
 */
public abstract class RecipeSpace<R, S extends RecipeSpace<R, S>> implements ParameterSpace<R> {

    private final R base;
    private final SearchSpace params;

    RecipeSpace(R base, SearchSpace params) {
        this.base = Objects.requireNonNull(base, "base");
        this.params = Objects.requireNonNull(params, "params");
    }

    /** @return the recipe every candidate starts from */
    public R base() {
        return base;
    }

    /** @return the named hyperparameters */
    public SearchSpace parameters() {
        return params;
    }

    /** @return every hyperparameter name this kind of space knows */
    public abstract List<String> names();

    /**
     * The base recipe's own value of each hyperparameter this space searches: where the recipe as
     * given sits in the space. A study evaluates {@link #base()} itself as its first trial
     * ({@link TrialSource#AS_GIVEN}), so the best trial is never worse than the recipe as given on
     * the validation set.
     *
     * @return value by name, for the names in {@link #parameters()}
     */
    public Map<String, Object> asGivenValues() {
        Map<String, Object> all = baseValues();
        Map<String, Object> searched = new java.util.LinkedHashMap<>();
        params.getNestedSpaces().keySet().forEach(name -> {
            if (all.containsKey(name)) {
                searched.put(name, all.get(name));
            }
        });
        return searched;
    }

    /**
     * @return the LR range test's pick this space's learning-rate range is centred on, when the
     *         base recipe's peak learning rate came from it (kept in the study for a resume)
     */
    public abstract java.util.Optional<Double> lrFinderPick();

    /** The base recipe's value of every name in {@link #names()} that it has one for. */
    abstract Map<String, Object> baseValues();

    /**
     * The recipe of one set of values.
     *
     * @param values hyperparameter values by name (a subset of {@link #names()})
     * @return the base recipe with these values applied
     * @throws IllegalArgumentException for an unknown name or value
     */
    public abstract R toRecipe(Map<String, Object> values);

    /**
     * @param name  one of {@link #names()}
     * @param space its new space (narrower, wider, or back after {@link #without})
     * @return a copy with {@code name} searched over {@code space}
     * @throws IllegalArgumentException when the name is unknown
     */
    public S with(String name, ParameterSpace<?> space) {
        checkName(name);
        return copy(params.with(name, Objects.requireNonNull(space, "space")));
    }

    /**
     * @param name one of {@link #names()}
     * @return a copy that keeps the base recipe's value for {@code name}
     * @throws IllegalArgumentException when the name is unknown or it is the last hyperparameter
     */
    public S without(String name) {
        checkName(name);
        return copy(params.without(name));
    }

    /** This kind of space over other hyperparameters. */
    abstract S copy(SearchSpace parameters);

    /** What the names map to, for errors: "a TabularRecipe.withX() setting". */
    abstract String settingKind();

    /** The space's name in errors: "tabular space". */
    abstract String kind();

    /** Fails for a name that is not one of {@link #names()}. */
    void checkName(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException(kind() + ": unknown hyperparameter '" + name + "'; it must be one of "
                    + names() + " (each maps to " + settingKind() + ")");
        }
    }

    @Override
    public R getValue(double[] input) {
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
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not a leaf; indices go to its leaves");
    }

    /** The class name and the hyperparameters' spaces (also the study's record of its space). */
    @Override
    public String toString() {
        return getClass().getSimpleName() + params.getNestedSpaces();
    }
}
