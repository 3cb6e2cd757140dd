package io.github.dl4jrecipes.recipes;

import java.util.Objects;

/**
 * One resolved setting of a recipe: its value and where the value comes from (a paper, a
 * library's default, a rule computed from the data, or the user).
 *
 * @param name   the setting, e.g. {@code hiddenLayers}
 * @param value  the resolved value, as text
 * @param source why this value: e.g. {@code "default: fastai fit_one_cycle"} or {@code "user"}
 */
public record RecipeSetting(String name, String value, String source) {

    /** Source of a value the user set through a {@code withX()} call. */
    public static final String USER = "user";

    /** Validates presence. */
    public RecipeSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** A setting with a value of any type (written with {@code String.valueOf}). */
    public static RecipeSetting of(String name, Object value, String source) {
        return new RecipeSetting(name, String.valueOf(value), source);
    }
}
