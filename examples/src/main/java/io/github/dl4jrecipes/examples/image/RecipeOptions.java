package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * Which image recipe: architecture, augmentation, batch size and seed (a picocli mixin shared by
 * the training options and {@code dl4j-recipes lr-find image}).
 */
public final class RecipeOptions {

    @Option(names = "--arch", defaultValue = "small", description = "small, resnet or lenet (default: ${DEFAULT-VALUE})")
    String architecture;

    @Option(names = "--augment", defaultValue = "standard",
            description = "none, light, standard or heavy (default: ${DEFAULT-VALUE})")
    String augment;

    @Option(names = "--no-flips", description = "no horizontal flips (digits, text, signs)")
    boolean noFlips;

    @Option(names = "--batch-size", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
    public int batchSize;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    public long seed;

    /** The recipe for images of this shape with these options. */
    public ImageRecipe recipe(int height, int width, int channels, int classes) {
        ImageRecipe recipe = ImageRecipe.classifier(height, width, channels, classes);
        recipe = switch (architecture.toLowerCase(Locale.ROOT)) {
            case "small" -> recipe.small();
            case "resnet" -> recipe.resnet();
            case "lenet" -> recipe.lenet();
            default -> throw new IllegalArgumentException("--arch must be small, resnet or lenet, got '"
                    + architecture + "'");
        };
        return recipe.withAugment(policy()).withBatchSize(batchSize).withSeed(seed);
    }

    /** The augmentation policy named by {@code --augment}, without flips when asked. */
    public Augment policy() {
        return flips(switch (augment.toLowerCase(Locale.ROOT)) {
            case "none" -> Augment.none();
            case "light" -> Augment.light();
            case "standard" -> Augment.standard();
            case "heavy" -> Augment.heavy();
            default -> throw new IllegalArgumentException("--augment must be none, light, standard or heavy, got '"
                    + augment + "'");
        });
    }

    /** {@code policy} without flips when {@code --no-flips} is given. */
    Augment flips(Augment policy) {
        return noFlips ? policy.withoutFlips() : policy;
    }
}
