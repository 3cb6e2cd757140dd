package io.github.dl4jrecipes.core.train;

import java.util.List;
import java.util.Locale;

/**
 * Thrown by {@link Fit} at the first minibatch whose loss or parameters are NaN or infinite, or
 * at the end of the first epoch whose validation loss is, instead of training on garbage; no
 * checkpoint is saved for that epoch. Names the iteration and the likely causes, most likely
 * first. The command line exits with code 3 on it.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int iteration;
    private final int epoch;
    private final double loss;
    private final transient List<DivergenceCause> causes;

    /**
     * @param iteration    the network's iteration counter at the bad minibatch
     * @param epoch        the epoch (counted from 1)
     * @param loss         the loss of that minibatch (or the validation loss)
     * @param what         what went bad ("the loss is NaN", "the parameters contain NaN")
     * @param learningRate the learning rate at that point (NaN when unknown)
     * @param causes       the likely causes, most likely first
     */
    public TrainingDivergedException(int iteration, int epoch, double loss, String what,
                                     double learningRate, List<DivergenceCause> causes) {
        super(message(iteration, epoch, what, learningRate, causes));
        this.iteration = iteration;
        this.epoch = epoch;
        this.loss = loss;
        this.causes = List.copyOf(causes);
    }

    private static String message(int iteration, int epoch, String what, double lr,
                                  List<DivergenceCause> causes) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Training diverged at iteration %d (epoch %d): %s. Training stopped. Likely causes, "
                        + "most likely first:", iteration, epoch, what));
        int i = 1;
        for (DivergenceCause c : causes) {
            s.append(String.format(Locale.ROOT, " %d) %s%s: %s;", i++, c.description(),
                    c == DivergenceCause.LEARNING_RATE_TOO_HIGH && Double.isFinite(lr)
                            ? String.format(Locale.ROOT, " (%.3g)", lr) : "", c.fix()));
        }
        return s.toString();
    }

    /** The network's iteration counter at the bad minibatch. */
    public int iteration() {
        return iteration;
    }

    /** The epoch of the bad minibatch, counted from 1. */
    public int epoch() {
        return epoch;
    }

    /** The loss of the bad minibatch, or the validation loss when that was the bad one. */
    public double loss() {
        return loss;
    }

    /** The likely causes, most likely first. */
    public List<DivergenceCause> causes() {
        return causes;
    }
}
