package io.github.dl4jrecipes.core.lint;

import java.util.Objects;

/**
 * One problem in a configuration.
 *
 * @param severity how bad it is
 * @param layer    where: the layer's name and type, e.g. {@code "layer1 (DenseLayer)"}
 * @param rule     which rule is broken
 * @param message  what is wrong, with the offending values
 * @param fix      what to change (and what {@link ConfigLinter#fix} changes when the rule is auto-fixable)
 */
public record Finding(Severity severity, String layer, Rule rule, String message, String fix) {

    /** Checks that every part is present. */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return severity + " " + rule + " at " + layer + ": " + message + " Fix: " + fix;
    }
}
