package io.github.dl4jrecipes.core.prune;

import io.github.dl4jrecipes.core.task.Metric;

import java.util.Locale;
import java.util.Map;

/**
 * What pruning did.
 *
 * @param targetSparsity        the fraction of weights asked to be zero
 * @param sparsity              the fraction of weights that are zero now
 * @param weightSparsity        the fraction per weight array ("0_W", "1_W" ...)
 * @param metric                the task's metric
 * @param metricBefore          its value before pruning
 * @param metricAfter           its value right after pruning
 * @param metricAfterFineTuning its value after fine-tuning, NaN when there was none
 */
public record PruningResult(double targetSparsity, double sparsity, Map<String, Double> weightSparsity,
                            Metric metric, double metricBefore, double metricAfter,
                            double metricAfterFineTuning) {

    /** Copies the map. */
    public PruningResult {
        weightSparsity = Map.copyOf(weightSparsity);
    }

    @Override
    public String toString() {
        String name = metric.name().toLowerCase(Locale.ROOT);
        return String.format(Locale.ROOT, "pruned to %.1f%% zero weights (target %.1f%%): %s %.4f -> %.4f%s",
                100 * sparsity, 100 * targetSparsity, name, metricBefore, metricAfter,
                Double.isNaN(metricAfterFineTuning) ? ""
                        : String.format(Locale.ROOT, " -> %.4f after fine-tuning", metricAfterFineTuning));
    }
}
