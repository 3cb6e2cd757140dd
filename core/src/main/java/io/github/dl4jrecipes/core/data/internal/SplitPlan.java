package io.github.dl4jrecipes.core.data.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Which example goes where: seeded (and, given class ids, stratified) train/valid/test parts and
 * k-fold assignments, as arrays of example indices. Callers validate the fractions.
 */
public final class SplitPlan {

    /** Index of the training part in the result of {@link #split}. */
    public static final int TRAIN = 0;
    /** Index of the validation part. */
    public static final int VALID = 1;
    /** Index of the test part. */
    public static final int TEST = 2;
    /** Slack under which train + valid fractions count as 1, so rounding never leaks rows into test. */
    private static final double FRACTION_TOLERANCE = 1e-9;

    private SplitPlan() {
    }

    /**
     * Three parts {train, valid, test} of {@code 0..n-1}; with {@code classes} each class is split
     * in the same proportions. Indices in each part are sorted ascending.
     */
    public static int[][] split(int n, int[] classes, double trainFraction, double validFraction, long seed) {
        List<int[]> strata = strata(n, classes, seed);
        IntList train = new IntList();
        IntList valid = new IntList();
        IntList test = new IntList();
        boolean noTest = trainFraction + validFraction >= 1.0 - FRACTION_TOLERANCE;
        for (int[] stratum : strata) {
            int nTrain = (int) Math.round(stratum.length * trainFraction);
            int nValid = noTest ? stratum.length - nTrain : (int) Math.round(stratum.length * validFraction);
            nValid = Math.min(nValid, stratum.length - nTrain);
            for (int i = 0; i < stratum.length; i++) {
                (i < nTrain ? train : i < nTrain + nValid ? valid : test).add(stratum[i]);
            }
        }
        return new int[][] {train.sorted(), valid.sorted(), test.sorted()};
    }

    /**
     * The validation indices of each of {@code k} folds of {@code 0..n-1}; with {@code classes}
     * each class is dealt round-robin over the folds so every fold keeps the class proportions.
     */
    public static int[][] kFold(int n, int[] classes, int k, long seed) {
        IntList[] folds = new IntList[k];
        Arrays.setAll(folds, i -> new IntList());
        int dealt = 0;
        for (int[] stratum : strata(n, classes, seed)) {
            for (int index : stratum) {
                folds[dealt++ % k].add(index);
            }
        }
        int[][] out = new int[k][];
        Arrays.setAll(out, i -> folds[i].sorted());
        return out;
    }

    /** {@code 0..n-1} minus {@code excluded} (sorted). */
    public static int[] complement(int n, int[] excluded) {
        boolean[] skip = new boolean[n];
        for (int index : excluded) {
            skip[index] = true;
        }
        IntList kept = new IntList();
        for (int i = 0; i < n; i++) {
            if (!skip[i]) {
                kept.add(i);
            }
        }
        return kept.sorted();
    }

    private static List<int[]> strata(int n, int[] classes, long seed) {
        List<int[]> strata = new ArrayList<>();
        if (classes == null) {
            strata.add(Shuffle.permute(Rows.range(n), seed));
            return strata;
        }
        TreeMap<Integer, IntList> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byClass.computeIfAbsent(classes[i], c -> new IntList()).add(i);
        }
        int stratum = 0;
        for (IntList members : byClass.values()) {
            strata.add(Shuffle.permute(members.sorted(), Shuffle.epochSeed(seed, stratum++)));
        }
        return strata;
    }

    /** A growable int array. */
    private static final class IntList {
        private static final int INITIAL_CAPACITY = 16;
        private int[] values = new int[INITIAL_CAPACITY];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] sorted() {
            int[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }
}
