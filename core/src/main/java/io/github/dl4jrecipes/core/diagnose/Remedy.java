package io.github.dl4jrecipes.core.diagnose;

/** What to try next, for each problem a {@link Diagnosis} can find. */
public enum Remedy {
    /** For high bias: the model may not have converged yet. */
    TRAIN_LONGER("train longer (more epochs) or with a better-tuned schedule"),
    /** For high bias: more capacity. */
    BIGGER_MODEL("use a bigger model (more units or layers)"),
    /** For high bias or variance: a better-suited architecture. */
    OTHER_ARCHITECTURE("try another architecture (e.g. convolutions for images)"),
    /** For high bias: the optimizer may be held back. */
    BETTER_HYPERPARAMETERS("tune the hyperparameters (learning rate first, then weight decay)"),
    /** For high variance: the strongest cure. */
    MORE_DATA("get more training data"),
    /** For high variance. */
    REGULARIZATION("add regularization (weight decay, dropout) or stop earlier"),
    /** For high variance on images, audio or text. */
    AUGMENTATION("augment the training data"),
    /** When the validation metric jumps from epoch to epoch. */
    BIGGER_VALIDATION_SET("use a bigger validation set: its error is too noisy to compare gaps");

    private final String advice;

    Remedy(String advice) {
        this.advice = advice;
    }

    /** The advice, as one sentence fragment. */
    public String advice() {
        return advice;
    }
}
