package io.github.dl4jrecipes.core.diagnose;

import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.core.train.History;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a training history the way Andrew Ng teaches bias and variance: compare the training
 * error with a baseline (human-level or Bayes error estimate, 0 when unknown) and the validation
 * error with the training error.
 *
 * <ul>
 *   <li>avoidable bias = training error − baseline error</li>
 *   <li>variance = validation error − training error</li>
 * </ul>
 * A gap above the tolerance is a problem: high bias, high variance, both, or a good fit. Errors
 * come from the history's metric at its best validation epoch: 1 − metric for a metric where
 * higher is better (accuracy → error rate), the metric itself otherwise (a loss or MSE).
 *
 * <pre>{@code
 * Diagnosis d = Diagnosis.of(model.history(), 0.05);   // humans get 5% wrong
 * log.info("{}", d);
 * }</pre>
 *
 * @param verdict          the reading
 * @param epoch            the epoch the errors come from (the best validation epoch)
 * @param trainError       training error at that epoch
 * @param validError       validation error at that epoch
 * @param baselineError    the baseline used (0 when none was given)
 * @param avoidableBias    trainError − baselineError
 * @param variance         validError − trainError
 * @param tolerance        the largest gap still counted as fine
 * @param noisyValidation  whether the validation error jumps by more than half the tolerance
 *                         from epoch to epoch near the end, so the gaps are uncertain
 * @param remedies         what to try, most effective first
 */
public record Diagnosis(Verdict verdict, int epoch, double trainError, double validError,
                        double baselineError, double avoidableBias, double variance,
                        double tolerance, boolean noisyValidation, List<Remedy> remedies) {

    /**
     * Default tolerance: two error points (0.02). In Ng's worked examples (Deep Learning
     * Specialization, "Structuring ML projects"; Machine Learning Yearning) gaps of half a point
     * to one point read as fine and gaps of five points or more as a problem; two points sits
     * between them.
     */
    public static final double DEFAULT_TOLERANCE = 0.02;
    /** How many final epochs are used to judge validation noise. */
    public static final int NOISE_WINDOW = 5;
    /** The fewest epochs needed to judge validation noise. */
    static final int MIN_NOISE_EPOCHS = 3;
    /** Noise above this share of the tolerance makes the gaps uncertain. */
    static final double NOISE_SHARE_OF_TOLERANCE = 0.5;

    /** Copies the remedies. */
    public Diagnosis {
        remedies = List.copyOf(remedies);
    }

    /** Diagnoses a history with no baseline (Bayes error taken as 0). */
    public static Diagnosis of(History history) {
        return of(history, 0.0, DEFAULT_TOLERANCE);
    }

    /**
     * Diagnoses a history against a baseline error.
     *
     * @param baselineError the human-level or Bayes error estimate, in [0, 1]
     */
    public static Diagnosis of(History history, double baselineError) {
        return of(history, baselineError, DEFAULT_TOLERANCE);
    }

    /**
     * Diagnoses a history against a baseline error with a chosen tolerance.
     *
     * @param history       a history with validation values
     * @param baselineError the human-level or Bayes error estimate, in [0, 1]
     * @param tolerance     the largest gap still counted as fine, in (0, 1)
     */
    public static Diagnosis of(History history, double baselineError, double tolerance) {
        checkBaseline(baselineError);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance
                    + "; the default is " + DEFAULT_TOLERANCE + ".");
        }
        if (!history.hasValidation()) {
            throw new IllegalArgumentException("history has no validation metric: a diagnosis "
                    + "compares training and validation errors; train with a validation iterator.");
        }
        EpochRecord best = history.best().orElseThrow(() -> new IllegalArgumentException(
                "history has no epoch with a finite validation metric; nothing to diagnose."));
        double train = error(history, best.trainMetric());
        double valid = error(history, best.validMetric());
        if (Double.isNaN(train)) {
            throw new IllegalArgumentException("history has no training metric at epoch "
                    + best.epoch() + "; a diagnosis needs both errors: train with Fit.withTrainMetric(true) "
                    + "(image recipes: withTrainMetric(true)).");
        }
        boolean noisy = validationNoise(history) > tolerance * NOISE_SHARE_OF_TOLERANCE;
        return fromErrors(best.epoch(), train, valid, baselineError, tolerance, noisy);
    }

    /**
     * Diagnoses errors measured elsewhere.
     *
     * @param trainError    training error
     * @param validError    validation error
     * @param baselineError the human-level or Bayes error estimate, in [0, 1]
     */
    public static Diagnosis ofErrors(double trainError, double validError, double baselineError) {
        checkBaseline(baselineError);
        return fromErrors(0, trainError, validError, baselineError, DEFAULT_TOLERANCE, false);
    }

    private static Diagnosis fromErrors(int epoch, double train, double valid, double baseline,
                                        double tolerance, boolean noisy) {
        double bias = train - baseline;
        double variance = valid - train;
        boolean highBias = bias > tolerance;
        boolean highVariance = variance > tolerance;
        Verdict verdict = highBias && highVariance ? Verdict.HIGH_BIAS_AND_VARIANCE
                : highBias ? Verdict.HIGH_BIAS
                : highVariance ? Verdict.HIGH_VARIANCE : Verdict.GOOD_FIT;
        Set<Remedy> remedies = new LinkedHashSet<>();
        if (highBias) {
            remedies.addAll(List.of(Remedy.BIGGER_MODEL, Remedy.TRAIN_LONGER,
                    Remedy.BETTER_HYPERPARAMETERS, Remedy.OTHER_ARCHITECTURE));
        }
        if (highVariance) {
            remedies.addAll(List.of(Remedy.MORE_DATA, Remedy.REGULARIZATION, Remedy.AUGMENTATION,
                    Remedy.OTHER_ARCHITECTURE));
        }
        if (noisy) {
            remedies.add(Remedy.BIGGER_VALIDATION_SET);
        }
        return new Diagnosis(verdict, epoch, train, valid, baseline, bias, variance, tolerance,
                noisy, new ArrayList<>(remedies));
    }

    private static void checkBaseline(double baselineError) {
        if (!(baselineError >= 0 && baselineError <= 1)) {
            throw new IllegalArgumentException("baselineError must be an error rate in [0, 1] "
                    + "(e.g. 0.05 when humans get 5% wrong), got " + baselineError
                    + "; pass a fraction, not a percentage.");
        }
    }

    private static double error(History history, double metric) {
        return history.higherIsBetter() ? 1 - metric : metric;
    }

    /** Standard deviation of the validation error over the last epochs; 0 with too few. */
    private static double validationNoise(History history) {
        List<EpochRecord> epochs = history.epochs();
        int from = Math.max(0, epochs.size() - NOISE_WINDOW);
        double[] errors = epochs.subList(from, epochs.size()).stream()
                .mapToDouble(e -> error(history, e.validMetric())).filter(Double::isFinite).toArray();
        if (errors.length < MIN_NOISE_EPOCHS) {
            return 0;
        }
        double mean = java.util.Arrays.stream(errors).average().orElse(0);
        double squares = java.util.Arrays.stream(errors).map(e -> (e - mean) * (e - mean)).sum();
        return Math.sqrt(squares / (errors.length - 1));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Diagnosis: %s%n  training error %.4f, validation error %.4f, baseline %.4f%s%n"
                        + "  avoidable bias %.4f, variance %.4f (tolerance %.4f)%n",
                verdict.description(), trainError, validError, baselineError,
                epoch > 0 ? " (epoch " + epoch + ")" : "", avoidableBias, variance, tolerance));
        if (noisyValidation) {
            s.append("  the validation error is noisy: the gaps are uncertain").append(System.lineSeparator());
        }
        if (remedies.isEmpty()) {
            s.append("  nothing to fix: compare against a better baseline to know if more is possible")
                    .append(System.lineSeparator());
        }
        for (Remedy r : remedies) {
            s.append("  - ").append(r.advice()).append(System.lineSeparator());
        }
        return s.toString();
    }
}
