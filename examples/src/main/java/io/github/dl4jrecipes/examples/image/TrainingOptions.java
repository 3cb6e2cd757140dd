package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.train.Checkpoints;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The training options the image samples and {@code dl4j-recipes train image} share: the
 * {@link RecipeOptions}, epochs, peak LR, test-time augmentation, the output folder and the
 * checkpoint folder (a picocli mixin).
 */
public final class TrainingOptions {

    @Mixin
    public RecipeOptions recipe;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--max-lr", paramLabel = "LR", description = "peak learning rate of 1cycle (default: the LR finder's pick)")
    public Double maxLr;

    @Option(names = "--tta", description = "also report test accuracy with test-time augmentation (the light policy)")
    public boolean tta;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "output folder: new, empty, or one this command wrote (replaced as a whole; a folder "
                    + "holding other files is refused before training)")
    public Path out;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "save a checkpoint after every epoch into DIR; "
            + "the same command run again resumes from the latest one (the same settings are required)")
    public Path checkpoints;

    /** Checks {@code --output} and {@code --checkpoints} before any work. */
    public void checkOutputs() {
        OutputPaths.folder("--output", out);
        if (checkpoints != null) {
            OutputPaths.folder("--checkpoints", checkpoints);
            OutputPaths.apart("--checkpoints", checkpoints, "--output", out);
        }
    }

    /** The recipe for images of this shape with these options. */
    public ImageRecipe recipe(int height, int width, int channels, int classes) {
        ImageRecipe r = recipe.recipe(height, width, channels, classes).withEpochs(epochs);
        return checkpoints == null ? r : r.withCheckpoints(Checkpoints.in(checkpoints));
    }

    /** @return the batch size */
    public int batchSize() {
        return recipe.batchSize;
    }

    /** @return the seed */
    public long seed() {
        return recipe.seed;
    }
}
