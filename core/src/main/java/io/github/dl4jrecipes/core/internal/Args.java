package io.github.dl4jrecipes.core.internal;

/**
 * The one set of argument checks: each throws an {@link IllegalArgumentException} of the form
 * {@code <name> must be <rule>, got <value>; <fix>} (ASCII {@code >=}, so every console shows it)
 * and returns the value when it passes.
 */
public final class Args {

    private Args() {
    }

    /** {@code value ≥ min}. */
    public static int atLeast(String name, int value, int min, String fix) {
        if (value < min) {
            throw fail(name, ">= " + min, value, fix);
        }
        return value;
    }

    /** A finite {@code value > 0}. */
    public static double positive(String name, double value, String fix) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw fail(name, "a finite number > 0", value, fix);
        }
        return value;
    }

    /** A finite {@code value ≥ 0}. */
    public static double nonNegative(String name, double value, String fix) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw fail(name, "a finite number >= 0", value, fix);
        }
        return value;
    }

    /** {@code 0 < value < 1}. */
    public static double openUnit(String name, double value, String fix) {
        if (!(value > 0 && value < 1)) {
            throw fail(name, "in (0, 1)", value, fix);
        }
        return value;
    }

    /** {@code 0 ≤ value < 1} (a momentum, a dropout rate). */
    public static double belowOne(String name, double value, String fix) {
        if (!(value >= 0 && value < 1)) {
            throw fail(name, "in [0, 1)", value, fix);
        }
        return value;
    }

    private static IllegalArgumentException fail(String name, String rule, Object value, String fix) {
        return new IllegalArgumentException(name + " must be " + rule + ", got " + value + "; " + fix);
    }
}
