package io.github.dl4jrecipes.tuning;

import java.util.Map;

/**
 * What one epoch of a trial measured.
 *
 * @param objective the value the study optimises (validation accuracy, loss …)
 * @param metrics   other numbers worth keeping per epoch, by name
 */
public record EpochResult(double objective, Map<String, Double> metrics) {

    /** Copies the metrics. */
    public EpochResult {
        metrics = Map.copyOf(metrics == null ? Map.of() : metrics);
    }

    /**
     * @param objective the value the study optimises
     * @return a result with no other metrics
     */
    public static EpochResult of(double objective) {
        return new EpochResult(objective, Map.of());
    }
}
