package io.github.dl4jrecipes.examples.tabular;

import io.github.dl4jrecipes.core.data.TabularTransform;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.AtomicFolder;
import io.github.dl4jrecipes.recipes.RecipeCard;
import org.deeplearning4j.nn.api.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder a tabular training run writes and {@code predict}/{@code evaluate} read:
 * {@code model.zip} (with {@code model.card.json} and {@code model.history.json} next to it),
 * {@code transform.json} (the fitted preprocessing), {@code recipe.json} (the recipe card),
 * {@code history.csv/json/png} (the curves) and {@code manifest.json}. The folder changes as one
 * unit ({@link AtomicFolder}: built beside, then swapped in): a run killed at any point leaves the
 * old complete folder or the new one, never a new transform next to an old model, and
 * {@link #load()} checks every file against the manifest's checksums.
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

    /**
     * Writes model, card, history, curves, transform and recipe card as one unit.
     *
     * @throws IllegalArgumentException when the folder exists and holds files this class did not
     *                                  write; nothing is written then
     */
    public void write(TrainedModel<? extends Model> model, TabularTransform transform, RecipeCard recipe)
            throws IOException {
        AtomicFolder.write(dir, staging -> {
            transform.save(staging.resolve(TRANSFORM));
            model.save(staging.resolve(MODEL));
            model.history().writeAll(staging, HISTORY);
            AtomicFiles.writeString(staging.resolve(RECIPE), recipe.toJson());
        });
    }

    /**
     * Checks, before any work, that {@link #write} may replace this folder.
     *
     * @throws IllegalArgumentException when it is a file, or a folder holding files this class did
     *                                  not write
     */
    public void checkWritable() throws IOException {
        AtomicFolder.checkReplaceable(dir);
    }

    /**
     * Reads the model and its transform back, after checking the folder against its manifest.
     *
     * @throws IllegalArgumentException naming the missing or damaged file when the folder is not a
     *                                  complete model folder
     */
    public Loaded load() throws IOException {
        try {
            AtomicFolder.read(dir);
        } catch (NoSuchFileException e) {
            // reported below as the missing model.zip
        }
        for (Path file : new Path[] {model(), transform()}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("model folder " + dir + " has no " + dir.relativize(file) + "; fix: "
                        + "pass the folder written by 'dl4j-recipes train tabular --output <folder>'");
            }
        }
        return new Loaded(TrainedModel.load(model()), TabularTransform.load(transform()));
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
