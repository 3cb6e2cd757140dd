package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.ClassLabels;
import io.github.dl4jrecipes.core.data.internal.Rows;
import io.github.dl4jrecipes.core.data.internal.SplitPlan;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Seeded train/valid/test splits and k-fold cross-validation of an in-memory {@link DataSet}.
 *
 * <p>When the labels are class labels (one-hot rows, or a single 0/1 column) every split is
 * stratified: each part, and each fold, keeps the class proportions of the whole. Otherwise
 * (regression) examples are assigned at random. The same seed gives the same split.
 *
 * <pre>{@code
 * Split split = Splits.trainValidTest(data, 0.7, 0.15, 42);
 * for (Split fold : Splits.kFold(data, 5, 42)) { ... fold.train() ... fold.valid() ... }
 * }</pre>
 */
public final class Splits {

    /** Fewest folds that make a cross-validation (and fewest examples that can be split). */
    static final int MIN_PARTS = 2;

    private Splits() {
    }

    /** A two-way split: {@code trainFraction} of the examples to train, the rest to validation. */
    public static Split trainValid(DataSet data, double trainFraction, long seed) {
        checkFraction("trainFraction", trainFraction);
        return trainValidTest(data, trainFraction, 1.0 - trainFraction, seed);
    }

    /**
     * A three-way split: {@code trainFraction} to train, {@code validFraction} to validation and
     * the remainder to test (none when the two add up to 1).
     */
    public static Split trainValidTest(DataSet data, double trainFraction, double validFraction, long seed) {
        int n = checkData(data);
        checkFractions(trainFraction, validFraction);
        int[] classes = ClassLabels.classesOf(data.getLabels());
        int[][] parts = SplitPlan.split(n, classes, trainFraction, validFraction, seed);
        checkNotEmpty(parts[SplitPlan.TRAIN], "train", trainFraction, n);
        checkNotEmpty(parts[SplitPlan.VALID], "valid", validFraction, n);
        DataSet test = parts[SplitPlan.TEST].length == 0 ? null : Rows.gather(data, parts[SplitPlan.TEST]);
        return new Split(Rows.gather(data, parts[SplitPlan.TRAIN]), Rows.gather(data, parts[SplitPlan.VALID]), test, classes != null);
    }

    /**
     * {@code k} (train, valid) folds: every example is in the validation part of exactly one fold.
     * Stratified when the labels are class labels.
     */
    public static List<Split> kFold(DataSet data, int k, long seed) {
        int n = checkData(data);
        checkFolds(k, n);
        int[] classes = ClassLabels.classesOf(data.getLabels());
        List<Split> folds = new ArrayList<>(k);
        for (int[] valid : SplitPlan.kFold(n, classes, k, seed)) {
            int[] train = SplitPlan.complement(n, valid);
            folds.add(new Split(Rows.gather(data, train), Rows.gather(data, valid), null, classes != null));
        }
        return List.copyOf(folds);
    }

    static void checkFolds(int k, int n) {
        if (k < MIN_PARTS || k > n) {
            throw new IllegalArgumentException("k: must be between 2 and the number of examples (" + n
                    + "), got " + k + "; fix: use 5 or 10 folds, or fewer for tiny data");
        }
    }

    static void checkFractions(double trainFraction, double validFraction) {
        checkFraction("trainFraction", trainFraction);
        checkFraction("validFraction", validFraction);
        if (trainFraction + validFraction > 1.0 + Math.ulp(1.0)) {
            throw new IllegalArgumentException("trainFraction + validFraction: must be at most 1, got "
                    + trainFraction + " + " + validFraction + "; fix: lower one so the test part is >= 0");
        }
    }

    private static void checkFraction(String name, double fraction) {
        if (!(fraction > 0.0 && fraction < 1.0)) {
            throw new IllegalArgumentException(name + ": must be strictly between 0 and 1, got " + fraction
                    + "; fix: pass a fraction such as 0.8");
        }
    }

    static void checkNotEmpty(int[] part, String name, double fraction, int n) {
        if (part.length == 0) {
            throw new IllegalArgumentException("the " + name + " part is empty: " + fraction + " of " + n
                    + " examples rounds to none; fix: raise the fraction or use more data");
        }
    }

    private static int checkData(DataSet data) {
        if (data == null || data.getFeatures() == null || data.getLabels() == null) {
            throw new IllegalArgumentException("data: must hold features and labels; fix: pass a DataSet(features, labels)");
        }
        long n = data.getFeatures().size(0);
        if (n < MIN_PARTS || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("data: must hold at least 2 examples to split, got " + n
                    + "; fix: pass more data");
        }
        return (int) n;
    }
}
