package io.github.dl4jrecipes.core.lint;

/** How bad a {@link Finding} is. */
public enum Severity {
    /** The configuration is invalid or cannot learn as intended (DL4J's own invalid output pairs). */
    ERROR,
    /** The configuration will train, but worse or slower than it should: a rule of thumb is broken. */
    WARNING
}
