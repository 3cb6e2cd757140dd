package io.github.dl4jrecipes.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a study keeps about one trial; one JSON file per trial in the study directory.
 *
 * @param number          1-based trial number, unique in the study
 * @param status          where it stands
 * @param point           its coordinates in the unit cube of the space
 * @param params          each hyperparameter's value, as text
 * @param bracket         the Hyperband bracket it belongs to, or -1
 * @param rung            the successive-halving rung it was last trained for (0 without halving)
 * @param targetEpochs    the epochs it is (or was last) trained to
 * @param values          the objective after each epoch
 * @param metrics         other per-epoch metrics the objective reported, by name
 * @param checkpoint      its checkpoint file relative to the study directory, or null
 * @param checkpointEpochs the epochs the checkpoint holds
 * @param owner           the process training it ("pid@host"), or null
 * @param attempts        how many times it has started after a failure (0 before any failure)
 * @param error           the stack trace of its last failure, or null
 * @param source          where its candidate came from ({@link TrialSource#SAMPLER} when a record does not say)
 * @param objectiveValues a multi-objective study's values after each epoch: per epoch, every objective in
 *                        the order of {@link Tuner#directions} (the first is also in {@code values}); empty
 *                        in a study with one objective (and then absent from the JSON, which older
 *                        versions read as before)
 */
public record TrialRecord(int number, TrialStatus status, double[] point, Map<String, String> params, int bracket,
                          int rung, int targetEpochs, List<Double> values, Map<String, List<Double>> metrics,
                          String checkpoint, int checkpointEpochs, String owner, int attempts, String error,
                          TrialSource source,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<List<Double>> objectiveValues) {

    /** Validates the number and copies the lists. */
    public TrialRecord {
        if (number < 1) {
            throw new IllegalArgumentException("trial number must be >= 1, got " + number);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(point, "point");
        params = Map.copyOf(params == null ? Map.of() : params);
        values = List.copyOf(values == null ? List.of() : values);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        source = source == null ? TrialSource.SAMPLER : source;
        objectiveValues = objectiveValues == null ? List.of()
                : objectiveValues.stream().map(List::copyOf).toList();
    }

    /**
     * A trial of a study with one objective.
     *
     * @param number           1-based trial number
     * @param status           where it stands
     * @param point            its coordinates in the unit cube
     * @param params           each hyperparameter's value, as text
     * @param bracket          the Hyperband bracket, or -1
     * @param rung             the successive-halving rung
     * @param targetEpochs     the epochs it is trained to
     * @param values           the objective after each epoch
     * @param metrics          other per-epoch metrics
     * @param checkpoint       its checkpoint file, or null
     * @param checkpointEpochs the epochs the checkpoint holds
     * @param owner            the process training it, or null
     * @param attempts         restarts after failures
     * @param error            the last failure's stack trace, or null
     * @param source           where its candidate came from
     */
    public TrialRecord(int number, TrialStatus status, double[] point, Map<String, String> params, int bracket,
                       int rung, int targetEpochs, List<Double> values, Map<String, List<Double>> metrics,
                       String checkpoint, int checkpointEpochs, String owner, int attempts, String error,
                       TrialSource source) {
        this(number, status, point, params, bracket, rung, targetEpochs, values, metrics, checkpoint,
                checkpointEpochs, owner, attempts, error, source, List.of());
    }

    /** @return the objective after the last epoch trained, or NaN before the first */
    public double value() {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    /**
     * @param epochs a number of epochs, &ge; 1
     * @return the objective after that many epochs, or NaN if it has not got there
     */
    public double valueAt(int epochs) {
        return epochs >= 1 && epochs <= values.size() ? values.get(epochs - 1) : Double.NaN;
    }

    /**
     * @return every objective's value after the last epoch trained (a study with one objective: its
     *         value alone; NaN before the first epoch)
     */
    public double[] objectives() {
        return objectiveValues.isEmpty() ? new double[] {value()}
                : objectiveValues.get(objectiveValues.size() - 1).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the epochs trained so far */
    public int epochs() {
        return values.size();
    }

    /**
     * @param newStatus the status
     * @return a copy with that status
     */
    public TrialRecord withStatus(TrialStatus newStatus) {
        return new TrialRecord(number, newStatus, point, params, bracket, rung, targetEpochs, values, metrics,
                checkpoint, checkpointEpochs, owner, attempts, error, source, objectiveValues);
    }

    /**
     * @param newOwner the process now training it, or null
     * @return a copy owned by {@code newOwner}
     */
    public TrialRecord withOwner(String newOwner) {
        return new TrialRecord(number, status, point, params, bracket, rung, targetEpochs, values, metrics,
                checkpoint, checkpointEpochs, newOwner, attempts, error, source, objectiveValues);
    }

    /**
     * @param newRung   the rung it is promoted to
     * @param newTarget the epochs it is to reach
     * @return a copy promoted to that rung
     */
    public TrialRecord withTarget(int newRung, int newTarget) {
        return new TrialRecord(number, status, point, params, bracket, newRung, newTarget, values, metrics,
                checkpoint, checkpointEpochs, owner, attempts, error, source, objectiveValues);
    }

    /**
     * @param value       the objective after the next epoch
     * @param epochMetrics other metrics after that epoch
     * @param file        the checkpoint holding the model after it, or null
     * @return a copy with one more epoch
     */
    public TrialRecord withEpoch(double value, Map<String, Double> epochMetrics, String file) {
        return withEpoch(new EpochResult(value, epochMetrics), file);
    }

    /**
     * @param result what the next epoch measured (every objective of a multi-objective study)
     * @param file   the checkpoint holding the model after it, or null
     * @return a copy with one more epoch
     */
    public TrialRecord withEpoch(EpochResult result, String file) {
        double value = result.objective();
        Map<String, Double> epochMetrics = result.metrics();
        List<List<Double>> o = new ArrayList<>(objectiveValues);
        if (!result.objectives().isEmpty()) {
            o.add(result.objectives());
        }
        List<Double> v = new ArrayList<>(values);
        v.add(value);
        Map<String, List<Double>> m = new java.util.TreeMap<>();
        metrics.forEach((k, list) -> m.put(k, new ArrayList<>(list)));
        epochMetrics.forEach((k, x) -> m.computeIfAbsent(k, key -> new ArrayList<>()).add(x));
        return new TrialRecord(number, status, point, params, bracket, rung, targetEpochs, v, m,
                file == null ? checkpoint : file, file == null ? checkpointEpochs : v.size(), owner, attempts, error, source,
                o);
    }

    /**
     * @param epochs the epochs to keep (those its checkpoint holds when it resumes)
     * @return a copy whose values and metrics stop after {@code epochs}
     */
    public TrialRecord truncatedTo(int epochs) {
        Map<String, List<Double>> m = new java.util.TreeMap<>();
        metrics.forEach((k, list) -> m.put(k, List.copyOf(list.subList(0, Math.min(epochs, list.size())))));
        return new TrialRecord(number, status, point, params, bracket, rung, targetEpochs,
                values.subList(0, Math.min(epochs, values.size())), m, checkpoint, checkpointEpochs, owner,
                attempts, error, source, objectiveValues.subList(0, Math.min(epochs, objectiveValues.size())));
    }

    /**
     * @param trace the stack trace of the failure
     * @return a copy with one more attempt and the failure recorded
     */
    public TrialRecord withFailure(String trace) {
        return new TrialRecord(number, status, point, params, bracket, rung, targetEpochs, values, metrics,
                checkpoint, checkpointEpochs, owner, attempts + 1, trace, source, objectiveValues);
    }
}
