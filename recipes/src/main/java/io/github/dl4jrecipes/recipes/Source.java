package io.github.dl4jrecipes.recipes;

/**
 * Where a recipe's resolved setting comes from; the card shows it next to the value.
 */
public enum Source {
    /** A documented default constant (a paper's, fastai's, DL4J's): {@code "default: <why>"}. */
    DEFAULT("default: "),
    /** A rule computed from the data (rows, inputs, batches): {@code "rule: <why>"}. */
    RULE("rule: "),
    /** Follows from other settings or the schema (the task, the activation): {@code "derived from <why>"}. */
    DERIVED("derived from "),
    /** Set by the user through a {@code withX()} copy: {@code "user"}. */
    USER("user"),
    /** The learning-rate range test's pick: {@code "LR finder <why>"}. */
    LR_FINDER("LR finder "),
    /** Set by a tuner's trial: {@code "tuner"}. */
    TUNER("tuner");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    /** The card's text for this source and its reason (the reason may be empty). */
    public String describe(String why) {
        if (this == USER || this == TUNER) {
            return why.isEmpty() ? label : label + ", " + why;
        }
        return label + why;
    }
}
