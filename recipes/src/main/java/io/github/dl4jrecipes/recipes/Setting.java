package io.github.dl4jrecipes.recipes;

import java.util.Objects;

/**
 * One typed, resolved value of a recipe and where it comes from. Recipes keep their settings as
 * these and render the card from them, so nothing reads a value back from card text.
 *
 * @param value  the value
 * @param source where it comes from
 * @param why    the reason shown on the card after the source (may be empty)
 * @param <T>    the value's type
 */
public record Setting<T>(T value, Source source, String why) {

    /** Validates presence. */
    public Setting {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(why, "why");
    }

    /** A documented default. */
    public static <T> Setting<T> byDefault(T value, String why) {
        return new Setting<>(value, Source.DEFAULT, why);
    }

    /** A value computed from the data by a rule. */
    public static <T> Setting<T> rule(T value, String why) {
        return new Setting<>(value, Source.RULE, why);
    }

    /** A value that follows from other settings. */
    public static <T> Setting<T> derived(T value, String why) {
        return new Setting<>(value, Source.DERIVED, why);
    }

    /** A value the user set. */
    public static <T> Setting<T> user(T value) {
        return new Setting<>(value, Source.USER, "");
    }

    /** A value a tuner's trial set. */
    public static <T> Setting<T> tuner(T value) {
        return new Setting<>(value, Source.TUNER, "");
    }

    /** The LR finder's pick. */
    public static <T> Setting<T> lrFinder(T value, String why) {
        return new Setting<>(value, Source.LR_FINDER, why);
    }

    /**
     * The user's value, or {@code byDefault} itself when the value equals the default's, so that a
     * card says "default" for a default passed explicitly.
     */
    public static <T> Setting<T> userOr(Setting<T> byDefault, T value) {
        return Objects.equals(value, byDefault.value()) ? byDefault : user(value);
    }

    /** Whether the user or a tuner chose this value (rather than a default or a rule). */
    public boolean chosen() {
        return source == Source.USER || source == Source.TUNER;
    }

    /** The card's row for this setting. */
    public RecipeSetting render(String name) {
        return new RecipeSetting(name, String.valueOf(value), source.describe(why));
    }
}
