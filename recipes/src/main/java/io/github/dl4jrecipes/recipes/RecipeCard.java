package io.github.dl4jrecipes.recipes;

import io.github.dl4jrecipes.core.train.internal.Json;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a recipe will do, before any training: every resolved setting with its value and its
 * source. {@link #asMap()} feeds the trained model's card ({@code Fit.setting}), so the same
 * settings travel with the saved model.
 *
 * <pre>{@code
 * log.info("{}", TabularRecipe.classifier(schema).card());
 * // recipe tabular-classifier
 * //   hiddenLayers   [64]    rule: ...
 * }</pre>
 *
 * @param recipe   the recipe's name, e.g. {@code tabular-classifier}
 * @param settings the settings in a stable order
 */
public record RecipeCard(String recipe, List<RecipeSetting> settings) {


    /** Validates and copies; setting names must be unique. */
    public RecipeCard {
        Objects.requireNonNull(recipe, "recipe");
        settings = List.copyOf(settings);
        long distinct = settings.stream().map(RecipeSetting::name).distinct().count();
        if (distinct != settings.size()) {
            throw new IllegalArgumentException("settings: names must be unique, got "
                    + settings.stream().map(RecipeSetting::name).toList());
        }
    }

    /** The value of setting {@code name}. */
    public String value(String name) {
        return setting(name).value();
    }

    /**
     * The setting called {@code name}.
     *
     * @throws IllegalArgumentException naming the settings there are when none is called so
     */
    public RecipeSetting setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("recipe " + recipe + " has no setting '" + name
                        + "'; its settings are " + settings.stream().map(RecipeSetting::name).toList()));
    }

    /** Name → value, in order, with the recipe's name under {@code recipe}. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("recipe", recipe);
        settings.forEach(s -> map.put(s.name(), s.value()));
        return map;
    }

    /** This card as JSON. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a RecipeCard always serialises", e);
        }
    }

    /**
     * Reads a card written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a card
     */
    public static RecipeCard fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, RecipeCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON is not a RecipeCard (" + e.getOriginalMessage() + "); fix: pass "
                    + "the text written by RecipeCard.toJson()", e);
        }
    }

    /** A table: one line per setting, name, value and source in aligned columns. */
    @Override
    public String toString() {
        int nameWidth = settings.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        int valueWidth = settings.stream().mapToInt(s -> s.value().length()).max().orElse(0);
        StringBuilder text = new StringBuilder("recipe ").append(recipe).append('\n');
        String row = "  %-" + Math.max(1, nameWidth) + "s  %-" + Math.max(1, valueWidth) + "s  %s%n";
        settings.forEach(s -> text.append(String.format(row, s.name(), s.value(), s.source())));
        return text.toString();
    }
}
