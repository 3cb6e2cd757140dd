package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Direction;
import io.github.dl4jrecipes.tuning.TrialRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Non-dominated sorting of loss vectors (lower is better in every coordinate; Deb et al.'s
 * NSGA-II fronts, as Optuna ranks multi-objective trials): a point dominates another when it is
 * no worse in every objective and better in at least one; front 1 is the points nothing
 * dominates (the Pareto front), front 2 what only front 1 dominates, and so on. Equal points
 * share a front.
 */
public final class Pareto {

    private Pareto() {
    }

    /**
     * @param a a loss vector
     * @param b another of the same length
     * @return whether {@code a} dominates {@code b}
     */
    public static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            strictly |= a[i] < b[i];
        }
        return strictly;
    }

    /**
     * @param losses loss vectors, all of one length
     * @return each one's front, 1-based, in the same order
     */
    public static int[] fronts(List<double[]> losses) {
        int n = losses.size();
        int[] front = new int[n];
        int assigned = 0;
        for (int rank = 1; assigned < n; rank++) {
            int[] current = new int[n];
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (front[i] != 0) {
                    continue;
                }
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    dominated = j != i && front[j] == 0 && dominates(losses.get(j), losses.get(i));
                }
                if (!dominated) {
                    current[size++] = i;
                }
            }
            for (int k = 0; k < size; k++) {
                front[current[k]] = rank;
            }
            assigned += size;
        }
        return front;
    }

    /**
     * Each trial's front ({@link #fronts}; 1 is best) by trial number.
     *
     * @param complete   complete trials, each with one value per direction
     * @param directions every objective's direction
     */
    public static Map<Integer, Integer> frontsByTrial(List<TrialRecord> complete, List<Direction> directions) {
        int[] fronts = fronts(complete.stream().map(t -> losses(t.objectives(), directions)).toList());
        Map<Integer, Integer> byTrial = new HashMap<>();
        for (int i = 0; i < fronts.length; i++) {
            byTrial.put(complete.get(i).number(), fronts[i]);
        }
        return byTrial;
    }

    /**
     * @param values     one trial's objective values
     * @param directions each objective's direction
     * @return the values oriented so that lower is better in every coordinate
     */
    public static double[] losses(double[] values, List<Direction> directions) {
        double[] l = new double[values.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = directions.get(i).toLoss(values[i]);
        }
        return l;
    }

    /**
     * @param losses loss vectors
     * @return the indices on the first front, ascending
     */
    public static int[] front(List<double[]> losses) {
        int[] fronts = fronts(losses);
        return java.util.stream.IntStream.range(0, fronts.length).filter(i -> fronts[i] == 1).toArray();
    }
}
