package io.github.dl4jrecipes.examples.tabular;

import io.github.dl4jrecipes.core.data.TabularTransform;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.RecipeCard;
import org.deeplearning4j.nn.api.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder a tabular training run writes and {@code predict}/{@code evaluate} read:
 * {@code model.zip} (with {@code model.card.json} and {@code model.history.json} next to it),
 * {@code transform.json} (the fitted preprocessing), {@code recipe.json} (the recipe card),
 * {@code history.csv/json/png} (the curves). Every file is written atomically.
 *
 * @param dir the folder
 */
public record ModelFolder(Path dir) {

    /** The model file. */
    public static final String MODEL = "model.zip";
    /** The fitted preprocessing. */
    public static final String TRANSFORM = "transform.json";
    /** The recipe card. */
    public static final String RECIPE = "recipe.json";
    /** Stem of the history files (CSV, JSON and the curves PNG). */
    public static final String HISTORY = "history";

    /** Validates presence. */
    public ModelFolder {
        Objects.requireNonNull(dir, "dir");
    }

    /** The model zip. */
    public Path model() {
        return dir.resolve(MODEL);
    }

    /** The transform JSON. */
    public Path transform() {
        return dir.resolve(TRANSFORM);
    }

    /** Writes model, card, history, curves, transform and recipe card. */
    public void write(TrainedModel<? extends Model> model, TabularTransform transform, RecipeCard recipe)
            throws IOException {
        Files.createDirectories(dir);
        transform.save(transform());
        model.save(model());
        model.history().writeAll(dir, HISTORY);
        writeAtomically(dir.resolve(RECIPE), recipe.toJson());
    }

    /**
     * Reads the model and its transform back.
     *
     * @throws IllegalArgumentException naming the missing file when the folder is not a model folder
     */
    public Loaded load() throws IOException {
        for (Path file : new Path[] {model(), transform()}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("model folder " + dir + " has no " + dir.relativize(file) + "; fix: "
                        + "pass the folder written by 'dl4j-recipes train tabular --output <folder>'");
            }
        }
        return new Loaded(TrainedModel.load(model()), TabularTransform.load(transform()));
    }

    /** Writes text to a temporary file in the same folder, then renames it into place. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, text);
            Files.move(temp, absolute, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A model read back with its preprocessing.
     *
     * @param model     the trained model
     * @param transform the preprocessing it was trained with
     */
    public record Loaded(TrainedModel<?> model, TabularTransform transform) {
    }
}
