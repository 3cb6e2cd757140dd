package io.github.dl4jrecipes.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameter importance as the correlation ratio η² of a one-way analysis of variance: for
 * each hyperparameter, the complete trials are grouped (categorical ones by value, ordered ones
 * into {@link #BINS} equal-count quantile bins of their unit coordinate, i.e. of the log value for
 * log-scale ranges), and η² = (between-group sum of squares) / (total sum of squares) of the
 * objective. 0 means the hyperparameter's value tells nothing about the objective, 1 that it
 * explains all of its variance. Each hyperparameter is judged on its own (no interactions, unlike
 * fANOVA), and with few trials per group even noise scores about (groups − 1)/(trials − 1).
 */
public final class Importance {

    /** Quantile bins per ordered hyperparameter (quartiles). */
    public static final int BINS = 4;
    /** Complete trials needed before importance is computed: two per bin. */
    public static final int MIN_TRIALS = 2 * BINS;

    private Importance() {
    }

    /**
     * @param trials     a study's trials
     * @param dimensions the space's coordinates
     * @param direction  maximise or minimise (does not change η², kept for symmetry)
     * @return η² per hyperparameter, largest first; empty with fewer than {@link #MIN_TRIALS} complete trials
     */
    public static Map<String, Double> of(List<TrialRecord> trials, List<Dimension> dimensions, Direction direction) {
        List<TrialRecord> done = trials.stream()
                .filter(t -> t.status() == TrialStatus.COMPLETE && !Double.isNaN(t.value())).toList();
        Map<String, Double> result = new LinkedHashMap<>();
        if (done.size() < MIN_TRIALS) {
            return result;
        }
        double[] y = done.stream().mapToDouble(t -> direction.toLoss(t.value())).toArray();
        double mean = Arrays.stream(y).average().orElse(0);
        double total = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum();
        List<Map.Entry<String, Double>> entries = new ArrayList<>();
        for (int d = 0; d < dimensions.size(); d++) {
            int[] group = groups(done, dimensions.get(d), d);
            entries.add(Map.entry(dimensions.get(d).name(), total == 0 ? 0.0 : between(y, group, mean) / total));
        }
        entries.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        entries.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static int[] groups(List<TrialRecord> done, Dimension dim, int d) {
        int n = done.size();
        int[] group = new int[n];
        if (dim.isCategorical()) {
            for (int i = 0; i < n; i++) {
                group[i] = dim.category(done.get(i).point()[d]);
            }
            return group;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> done.get(i).point()[d]));
        for (int rank = 0; rank < n; rank++) {
            group[order[rank]] = rank * BINS / n;
        }
        return group;
    }

    private static double between(double[] y, int[] group, double mean) {
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < y.length; i++) {
            double[] s = sums.computeIfAbsent(group[i], g -> new double[2]);
            s[0] += y[i];
            s[1]++;
        }
        return sums.values().stream().mapToDouble(s -> s[1] * Math.pow(s[0] / s[1] - mean, 2)).sum();
    }
}
