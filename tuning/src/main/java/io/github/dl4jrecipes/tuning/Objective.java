package io.github.dl4jrecipes.tuning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a study optimises: opens a {@link TrialSession} for a candidate (a DL4J configuration,
 * a map of hyperparameters …).
 *
 * <pre>{@code
 * // a synthetic objective: the value after each epoch is a function of the candidate and the epoch
 * Objective<Map<String, Object>> quad = Objective.curve((c, epoch) -> -Math.pow(Math.log10((Double) c.get("lr")) + 2, 2));
 * }</pre>
 *
 * @param <C> the candidate type
 */
@FunctionalInterface
public interface Objective<C> {

    /**
     * @param candidate the hyperparameters to train with
     * @param context   the trial's number, seed and folder
     * @return a session positioned before its first epoch
     * @throws IllegalArgumentException when the candidate does not fit the data (a regressor given classes, images
     *                                  of another shape): a failure that would repeat for every trial, so the study
     *                                  records it and stops at once with this message, without a retry
     * @throws Exception anything else building the model throws; the study records it, retries the trial
     *                   ({@link Tuner#retries}) and goes on
     */
    TrialSession open(C candidate, TrialContext context) throws Exception;

    /**
     * Which way this objective's value improves, when it knows (a loss: {@link Direction#MINIMIZE});
     * the tuner then uses it unless told otherwise, and refuses a contradicting
     * {@link Tuner#direction(Direction)}.
     *
     * @return the direction, or empty when the tuner's (default: maximise) applies
     */
    default Optional<Direction> direction() {
        return Optional.empty();
    }

    /**
     * @param direction which way this objective's value improves
     * @return this objective, declaring {@code direction}
     */
    default Objective<C> improving(Direction direction) {
        Objects.requireNonNull(direction, "direction");
        Objective<C> self = this;
        return new Objective<>() {
            @Override
            public TrialSession open(C candidate, TrialContext context) throws Exception {
                return self.open(candidate, context);
            }

            @Override
            public Optional<Direction> direction() {
                return Optional.of(direction);
            }
        };
    }

    /**
     * An objective whose value after an epoch is a function of the candidate and the number of
     * epochs trained; its state is that number. For objectives that are cheap to compute (tests,
     * simulations of learning curves).
     *
     * @param curve value after {@code epochs} epochs (1-based) for a candidate
     * @param <C>   the candidate type
     * @return the objective
     */
    static <C> Objective<C> curve(Curve<C> curve) {
        Objects.requireNonNull(curve, "curve");
        return (candidate, context) -> new TrialSession() {
            private int trained;

            @Override
            public EpochResult trainEpoch(int epoch) throws Exception {
                trained = epoch + 1;
                return EpochResult.of(curve.value(candidate, trained));
            }

            @Override
            public void save(Path file) throws Exception {
                Files.writeString(file, Integer.toString(trained));
            }

            @Override
            public void restore(Path file) throws Exception {
                trained = Integer.parseInt(Files.readString(file).trim());
            }
        };
    }

    /**
     * A learning curve.
     *
     * @param <C> the candidate type
     */
    @FunctionalInterface
    interface Curve<C> {
        /**
         * @param candidate the hyperparameters
         * @param epochs    epochs trained so far, &ge; 1
         * @return the objective after them
         * @throws Exception to simulate a failing trial
         */
        double value(C candidate, int epochs) throws Exception;
    }
}
