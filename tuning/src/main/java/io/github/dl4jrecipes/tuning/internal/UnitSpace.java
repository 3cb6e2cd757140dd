package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Dimension;
import io.github.dl4jrecipes.tuning.RecipeSpace;
import io.github.dl4jrecipes.tuning.TrialRecord;
import io.github.dl4jrecipes.tuning.TrialSource;
import org.deeplearning4j.arbiter.BaseNetworkSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.BooleanSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Arbiter space seen as a unit cube: numbers its leaves exactly as Arbiter's generators do
 * (unique leaves in {@code collectLeaves()} order, consecutive indices), names each coordinate by
 * its path in {@code getNestedSpaces()} (else by the leaf's description), and fingerprints the
 * space so a study can refuse a different one.
 *
 * @param <T> the candidate type
 */
public final class UnitSpace<T> {

    private final ParameterSpace<T> space;
    private final List<Dimension> dimensions = new ArrayList<>();
    @SuppressWarnings("rawtypes")
    private final List<ParameterSpace> leaves;
    private final List<String> leafNames = new ArrayList<>();
    /** Each one-parameter leaf by its name, for mapping values back to coordinates. */
    private final Map<String, LeafInverse> inverses = new LinkedHashMap<>();
    private final Map<String, Integer> coordinates = new LinkedHashMap<>();
    private final String fingerprint;

    @SuppressWarnings({"rawtypes", "unchecked"})
    private UnitSpace(ParameterSpace<T> space) {
        this.space = space;
        this.leaves = LeafUtils.getUniqueObjects(space.collectLeaves());
        Map<ParameterSpace, String> names = new IdentityHashMap<>();
        collectNames("", space, names);
        int index = 0;
        StringBuilder description = new StringBuilder(space.getClass().getName());
        for (ParameterSpace leaf : leaves) {
            String name = names.getOrDefault(leaf, leaf.toString());
            if (leaf instanceof DiscreteParameterSpace<?> d && d.numValues() == 0) {
                throw new IllegalArgumentException(name + ": a discrete space needs at least one value, got none;"
                        + " list the values to try");
            }
            int n = leaf.numParameters();
            leafNames.add(name);
            description.append('\n').append(name).append('=').append(leaf).append('#').append(n);
            if (n == 0) {
                continue;
            }
            int[] indices = new int[n];
            if (n == 1) {
                inverses.put(name, new LeafInverse(leaf, index));
                coordinates.put(name, index);
            }
            for (int j = 0; j < n; j++) {
                indices[j] = index++;
                dimensions.add(new Dimension(n == 1 ? name : name + "[" + j + "]", categories(leaf)));
            }
            leaf.setIndices(indices);
        }
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("search space has no free hyperparameter (every value is fixed): "
                    + space + "; add a range or a choice, or train the configuration directly");
        }
        this.fingerprint = sha256(description.toString());
    }

    /**
     * @param space an Arbiter space; its leaves get their indices here
     * @param <T>   the candidate type
     * @return the cube view
     */
    public static <T> UnitSpace<T> of(ParameterSpace<T> space) {
        return new UnitSpace<>(Objects.requireNonNull(space, "space"));
    }

    /** @return the coordinates, in index order */
    public List<Dimension> dimensions() {
        return List.copyOf(dimensions);
    }

    /** @return a hash of the space's structure and ranges (SHA-256 of its leaves' descriptions) */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * @param point a point in the unit cube
     * @return the candidate Arbiter builds there
     */
    public T value(double[] point) {
        return space.getValue(point);
    }

    /**
     * The trial's candidate: the space's candidate as given for {@link TrialSource#AS_GIVEN}
     * trials, else the candidate Arbiter builds at the trial's point.
     *
     * @param trial a trial of this space's study
     * @return its candidate
     */
    @SuppressWarnings("unchecked")
    public T candidate(TrialRecord trial) {
        if (trial.source() == TrialSource.AS_GIVEN && space instanceof RecipeSpace<?, ?> recipes) {
            return (T) recipes.base();
        }
        return value(trial.point());
    }

    /** @return the space's candidate as given (a preset space's recipe), when it has one */
    public Optional<Map<String, Object>> asGivenValues() {
        return space instanceof RecipeSpace<?, ?> recipes ? Optional.of(recipes.asGivenValues()) : Optional.empty();
    }

    /**
     * The point whose values are {@code values}, for a queued candidate.
     *
     * @param values hyperparameter values (or their text) by name; names left out are NaN in the result
     * @return the point, NaN where no value was given
     * @throws IllegalArgumentException for an unknown name, or a value the space cannot yield
     */
    public double[] pointOf(Map<String, ?> values) {
        double[] point = new double[dimensions.size()];
        java.util.Arrays.fill(point, Double.NaN);
        values.forEach((name, value) -> {
            LeafInverse inverse = inverses.get(name);
            if (inverse == null || !inverse.supported()) {
                throw new IllegalArgumentException("enqueue: no hyperparameter '" + name + "' to set in this space; "
                        + "fix: name one of " + settableNames());
            }
            point[coordinates.get(name)] = inverse.exact(value).orElseThrow(() -> new IllegalArgumentException(
                    "enqueue: " + name + "=" + value + " is not a value of its space " + leafOf(name)
                            + "; fix: give a value inside its range, or one of its choices"));
        });
        return point;
    }

    /**
     * The point nearest to {@code values} (ranges clamped, the closest numeric choice; the centre
     * where nothing is near): where an as-given candidate sits for samplers and plots.
     *
     * @param values hyperparameter values by name
     * @return a point in the unit cube
     */
    public double[] nearestPointOf(Map<String, ?> values) {
        double[] point = new double[dimensions.size()];
        java.util.Arrays.fill(point, 0.5);
        values.forEach((name, value) -> {
            LeafInverse inverse = inverses.get(name);
            if (inverse != null && inverse.supported()) {
                double x = inverse.nearest(value);
                point[coordinates.get(name)] = Double.isNaN(x) ? 0.5 : x;
            }
        });
        return point;
    }

    /** @return how a report draws each coordinate: ticks with values, categories at fixed positions */
    public List<Axis> axes() {
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            String name = dimensions.get(i).name();
            LeafInverse inverse = inverses.get(name);
            axes.add(inverse != null && coordinates.get(name) == i ? inverse.axis(name) : LeafInverse.unitAxis(name));
        }
        return axes;
    }

    private List<String> settableNames() {
        return inverses.entrySet().stream().filter(e -> e.getValue().supported()).map(Map.Entry::getKey).toList();
    }

    @SuppressWarnings("rawtypes")
    private ParameterSpace leafOf(String name) {
        return leaves.get(leafNames.indexOf(name));
    }

    /**
     * @param point a point in the unit cube
     * @return each free leaf's name and its value there, as text
     */
    @SuppressWarnings("rawtypes")
    public Map<String, String> describe(double[] point) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            ParameterSpace leaf = leaves.get(i);
            if (leaf.numParameters() > 0) {
                values.put(leafNames.get(i), String.valueOf(leaf.getValue(point)));
            }
        }
        return values;
    }

    @SuppressWarnings("rawtypes")
    private static void collectNames(String prefix, ParameterSpace<?> node, Map<ParameterSpace, String> names) {
        Map<String, ParameterSpace> nested = node.getNestedSpaces();
        if (nested == null) {
            return;
        }
        if (node instanceof BaseNetworkSpace<?> network) {
            // Arbiter keeps layers in a list, outside getNestedSpaces(): name them by layer name (layer_0 …)
            List<BaseNetworkSpace.LayerConf> layers = network.getLayerSpaces();
            for (int i = 0; i < layers.size(); i++) {
                BaseNetworkSpace.LayerConf layer = layers.get(i);
                String name = prefix + (layer.getLayerName() != null ? layer.getLayerName() : "layer" + i);
                if (layer.getNumLayers() != null) {
                    for (Object leaf : layer.getNumLayers().collectLeaves()) {
                        names.putIfAbsent((ParameterSpace) leaf, name + ".count");
                    }
                }
                collectNames(name, layer.getLayerSpace(), names);
            }
        }
        nested.forEach((name, child) -> {
            if (child == null) {
                return;
            }
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            if (child.isLeaf()) {
                for (Object leaf : child.collectLeaves()) {
                    names.putIfAbsent((ParameterSpace) leaf, path);
                }
            } else {
                collectNames(path, child, names);
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private static int categories(ParameterSpace leaf) {
        if (leaf instanceof DiscreteParameterSpace<?> d) {
            return d.numValues();
        }
        return leaf instanceof BooleanSpace ? 2 : 0;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
