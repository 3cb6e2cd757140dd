package io.github.dl4jrecipes.tuning;

import java.util.List;
import java.util.Map;

/**
 * What one epoch of a trial measured.
 *
 * <pre>{@code
 * EpochResult.of(accuracy);                          // a study with one objective
 * EpochResult.of(accuracy, parameterCount);          // a study with Tuner.directions(MAXIMIZE, MINIMIZE)
 * }</pre>
 *
 * @param objective  the value the study optimises (validation accuracy, loss …); the first objective of a
 *                   multi-objective study
 * @param metrics    other numbers worth keeping per epoch, by name
 * @param objectives every objective's value, in the order of {@link Tuner#directions}, when the objective
 *                   reports several; empty when it reports one
 */
public record EpochResult(double objective, Map<String, Double> metrics, List<Double> objectives) {

    /** Copies the metrics and objectives, and checks that the first objective is {@code objective}. */
    public EpochResult {
        metrics = Map.copyOf(metrics == null ? Map.of() : metrics);
        objectives = List.copyOf(objectives == null ? List.of() : objectives);
        if (!objectives.isEmpty() && Double.compare(objectives.get(0), objective) != 0) {
            throw new IllegalArgumentException("EpochResult: objective " + objective + " must be the first of objectives "
                    + objectives + "; fix: build it with EpochResult.of(first, second, ...)");
        }
    }

    /**
     * @param objective the value the study optimises
     * @param metrics   other numbers worth keeping per epoch
     */
    public EpochResult(double objective, Map<String, Double> metrics) {
        this(objective, metrics, List.of());
    }

    /**
     * @param objective the value the study optimises
     * @return a result with no other metrics
     */
    public static EpochResult of(double objective) {
        return new EpochResult(objective, Map.of());
    }

    /**
     * The values of a multi-objective study's objectives, in the order of its {@link Tuner#directions}.
     *
     * @param first  the first objective (ranks the leaderboard within a Pareto front)
     * @param second the second
     * @param more   any further ones
     * @return a result with no other metrics
     */
    public static EpochResult of(double first, double second, double... more) {
        List<Double> all = new java.util.ArrayList<>(List.of(first, second));
        for (double v : more) {
            all.add(v);
        }
        return new EpochResult(first, Map.of(), all);
    }

    /** @return how many objective values this result holds (1 unless it reports several) */
    public int count() {
        return objectives.isEmpty() ? 1 : objectives.size();
    }
}
