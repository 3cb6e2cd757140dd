package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Arbiter space of named hyperparameters whose candidates are maps from name to value: the
 * plainest way to tune any objective (and what tests with synthetic objectives use). For networks,
 * use Arbiter's {@code MultiLayerSpace} or {@code ComputationGraphSpace} directly.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.of(Map.of(
 *         "lr", Params.logUniform("lr", 1e-4, 1e-1),
 *         "batch", Params.powersOfTwo("batch", 16, 256)));
 * }</pre>
 */
public final class SearchSpace implements ParameterSpace<Map<String, Object>> {

    private final Map<String, ParameterSpace<?>> params;

    private SearchSpace(Map<String, ParameterSpace<?>> params) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * @param params named spaces, at least one; iteration order is kept (use a LinkedHashMap or
     *               Map.of with the order not mattering)
     * @return the space
     */
    public static SearchSpace of(Map<String, ? extends ParameterSpace<?>> params) {
        Objects.requireNonNull(params, "params");
        if (params.isEmpty()) {
            throw new IllegalArgumentException("search space: needs at least one hyperparameter, got none;"
                    + " add e.g. Params.logUniform(\"lr\", 1e-4, 1e-1)");
        }
        Map<String, ParameterSpace<?>> sorted = new LinkedHashMap<>();
        params.keySet().stream().sorted().forEach(k -> sorted.put(k, Objects.requireNonNull(params.get(k), k)));
        return new SearchSpace(sorted);
    }

    /**
     * @param name  a hyperparameter to add or replace
     * @param space its space
     * @return a copy with {@code name} set to {@code space}
     */
    public SearchSpace with(String name, ParameterSpace<?> space) {
        Map<String, ParameterSpace<?>> copy = new LinkedHashMap<>(params);
        copy.put(name, space);
        return of(copy);
    }

    /**
     * @param name a hyperparameter to drop
     * @return a copy without it
     */
    public SearchSpace without(String name) {
        Map<String, ParameterSpace<?>> copy = new LinkedHashMap<>(params);
        copy.remove(name);
        return of(copy);
    }

    @Override
    public Map<String, Object> getValue(double[] input) {
        Map<String, Object> value = new LinkedHashMap<>();
        params.forEach((name, space) -> value.put(name, space.getValue(input)));
        return value;
    }

    @Override
    public int numParameters() {
        return params.values().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        params.values().forEach(p -> leaves.addAll(p.collectLeaves()));
        return leaves;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Collections.unmodifiableMap(params);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("SearchSpace is not a leaf; indices go to its leaves");
    }

    @Override
    public String toString() {
        return "SearchSpace" + params;
    }
}
