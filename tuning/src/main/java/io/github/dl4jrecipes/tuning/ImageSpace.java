package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.recipes.Setting;
import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.image.Architecture;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import io.github.dl4jrecipes.recipes.image.ImageSettings;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.List;
import java.util.Map;

/**
 * A search space whose candidates are {@link ImageRecipe}s: named hyperparameters (see the
 * {@code *} name constants) sampled by Arbiter and applied to a base recipe through its
 * typed {@link ImageSettings} (each value marked {@link io.github.dl4jrecipes.recipes.Source#TUNER}), so every
 * candidate is a recipe (and the best trial is returned as one).
 * Made by {@link SearchSpaces#image(ImageRecipe)}; narrow or extend it with
 * {@link #with(String, ParameterSpace)} and {@link #without(String)} (a hyperparameter left out
 * keeps the base recipe's value).
 *
 * <p>The augmentation is a preset ({@link #AUGMENT_PRESETS}) that keeps the base recipe's flips:
 * a recipe built {@code withAugment(Augment.standard().withoutFlips())} for digits never gets a
 * flipped candidate.
 *
 * <pre>{@code
 * ImageSpace space = SearchSpaces.image(recipe)
 *         .with(ImageSpace.AUGMENT, Params.choice(ImageSpace.AUGMENT, List.of("light", "standard")))  // narrow
 *         .without(ImageSpace.ARCHITECTURE);                                                        // keep the recipe's
 * }</pre>
 */
public final class ImageSpace extends RecipeSpace<ImageRecipe, ImageSpace> {

    /** Peak learning rate of the 1cycle policy ({@code Double}). */
    public static final String MAX_LR = "maxLr";
    /** Images per update ({@code Integer}). */
    public static final String BATCH_SIZE = "batchSize";
    /** Decoupled weight decay ({@code Double}). */
    public static final String WEIGHT_DECAY = "weightDecay";
    /** Augmentation preset ({@code String}, one of {@link #AUGMENT_PRESETS}). */
    public static final String AUGMENT = "augment";
    /** Architecture preset ({@code String}, one of {@link #ARCHITECTURES}). */
    public static final String ARCHITECTURE = "architecture";
    /** Every hyperparameter an image space knows. */
    public static final List<String> NAMES = List.of(MAX_LR, BATCH_SIZE, WEIGHT_DECAY, AUGMENT, ARCHITECTURE);
    /**
     * The augmentation presets searched, mildest first: {@link Augment#none()},
     * {@link Augment#light()}, {@link Augment#standard()} (fastai's defaults); {@code heavy()} is
     * left out, it is for models that overfit a small data set and slows every epoch.
     */
    public static final List<String> AUGMENT_PRESETS = List.of("none", "light", "standard");
    /**
     * The architectures searched: {@link ImageRecipe#small()} and {@link ImageRecipe#resnet()};
     * {@code lenet()} is a reference, not a candidate.
     */
    public static final List<String> ARCHITECTURES = List.of("small", "resnet");

    ImageSpace(ImageRecipe base, SearchSpace params) {
        super(base, params);
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    ImageSpace copy(SearchSpace parameters) {
        return new ImageSpace(base(), parameters);
    }

    @Override
    String kind() {
        return "image space";
    }

    @Override
    String settingKind() {
        return "an ImageRecipe setting";
    }

    /**
     * The recipe of one set of values.
     *
     * @param values hyperparameter values by name (a subset of {@link #NAMES})
     * @return the base recipe with these values applied
     * @throws IllegalArgumentException for an unknown name, augmentation preset or architecture
     */
    @Override
    public ImageRecipe toRecipe(Map<String, Object> values) {
        values.keySet().forEach(this::checkName);
        ImageSettings.Builder settings = base().settings().toBuilder();
        if (values.containsKey(ARCHITECTURE)) {
            settings.architecture(Setting.tuner(architecture(values.get(ARCHITECTURE))));
        }
        if (values.containsKey(MAX_LR)) {
            settings.schedule(Setting.tuner(OneCycle.maxLr(((Number) values.get(MAX_LR)).doubleValue())));
        }
        if (values.containsKey(BATCH_SIZE)) {
            settings.batchSize(Setting.tuner(((Number) values.get(BATCH_SIZE)).intValue()));
        }
        if (values.containsKey(WEIGHT_DECAY)) {
            settings.weightDecay(Setting.tuner(((Number) values.get(WEIGHT_DECAY)).doubleValue()));
        }
        if (values.containsKey(AUGMENT)) {
            settings.augment(Setting.tuner(augment(values.get(AUGMENT))));
        }
        return base().withSettings(settings.build());
    }

    @Override
    public java.util.Optional<Double> lrFinderPick() {
        Setting<org.nd4j.linalg.schedule.ISchedule> schedule = base().settings().schedule();
        return schedule != null && schedule.source() == io.github.dl4jrecipes.recipes.Source.LR_FINDER
                && schedule.value() instanceof OneCycle cycle ? java.util.Optional.of(cycle.maxLr())
                : java.util.Optional.empty();
    }

    @Override
    Map<String, Object> baseValues() {
        ImageRecipe base = base();
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        Setting<org.nd4j.linalg.schedule.ISchedule> schedule = base.settings().schedule();
        values.put(MAX_LR, schedule != null && schedule.value() instanceof OneCycle cycle ? cycle.maxLr()
                : ImageRecipe.FALLBACK_MAX_LR);
        values.put(BATCH_SIZE, base.batchSize());
        values.put(WEIGHT_DECAY, base.settings().weightDecay().value());
        AUGMENT_PRESETS.stream().filter(p -> augment(p).equals(base.augment())).findFirst()
                .ifPresent(p -> values.put(AUGMENT, p));
        values.put(ARCHITECTURE, base.architecture());
        return values;
    }

    /** The preset, with the base recipe's flip probability unless the base does not augment at all. */
    private Augment augment(Object preset) {
        Augment chosen = switch (String.valueOf(preset)) {
            case "none" -> Augment.none();
            case "light" -> Augment.light();
            case "standard" -> Augment.standard();
            default -> throw new IllegalArgumentException(AUGMENT + ": unknown preset '" + preset + "'; it must be "
                    + "one of " + AUGMENT_PRESETS + "; fix: search Params.choice(ImageSpace.AUGMENT, "
                    + "ImageSpace.AUGMENT_PRESETS) or a subset of it");
        };
        Augment current = base().augment();
        return chosen.isNone() || current.isNone() ? chosen : chosen.withFlipProbability(current.flipProbability());
    }

    private Architecture architecture(Object name) {
        if (base().architecture().startsWith("transfer:")) {
            throw new IllegalArgumentException(ARCHITECTURE + ": the base recipe fine-tunes a pretrained network ("
                    + base().architecture() + "), which cannot be swapped for '" + name + "'; fix: leave "
                    + ARCHITECTURE + " out of the space (without(ImageSpace.ARCHITECTURE))");
        }
        ImageRecipe chosen = switch (String.valueOf(name)) {
            case "small" -> base().small();
            case "resnet" -> base().resnet();
            default -> throw new IllegalArgumentException(ARCHITECTURE + ": unknown architecture '" + name + "'; it "
                    + "must be one of " + ARCHITECTURES + "; fix: search Params.choice(ImageSpace.ARCHITECTURE, "
                    + "ImageSpace.ARCHITECTURES) or a subset of it");
        };
        return chosen.settings().architecture().value();
    }
}
