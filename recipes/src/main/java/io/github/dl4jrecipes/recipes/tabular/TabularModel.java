package io.github.dl4jrecipes.recipes.tabular;

import io.github.dl4jrecipes.core.data.CsvFormat;
import io.github.dl4jrecipes.core.data.CsvTable;
import io.github.dl4jrecipes.core.data.DataLoadException;
import io.github.dl4jrecipes.core.data.TabularTransform;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.AtomicFolder;
import io.github.dl4jrecipes.recipes.RecipeCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained tabular model with what it takes to use it on new rows: the network (with its history
 * and card), the preprocessing fitted on its training rows, and the card of the recipe that
 * trained it. New rows are matched to the training columns <em>by name</em>: their order is free,
 * columns the model does not use are ignored (named once in the log), a missing or repeated
 * column is refused by name, and categorical levels never seen in training are encoded as unknown
 * with one warning per column listing them with their counts.
 *
 * <pre>{@code
 * TabularSplit split = data.split(0.8, 42);
 * TabularRecipe recipe = TabularRecipe.classifier(data.schema());
 * TabularModel model = TabularModel.of(recipe.fit(split.train(), split.valid()), split.transform(), recipe);
 * model.save(Path.of("out/penguins"));
 *
 * TabularModel again = TabularModel.load(Path.of("out/penguins"));
 * TabularPredictions p = again.predict(Path.of("new.csv"));      // p.predicted(0), p.writeCsv(...)
 * TabularEvaluation e = again.evaluate(Path.of("labelled.csv")); // e.value(Metric.ACCURACY)
 * }</pre>
 *
 * @param model the trained network, its history and card
 * @param transform the preprocessing it was trained with
 * @param recipe the card of the recipe that trained it
 */
public record TabularModel(TrainedModel<?> model, TabularTransform transform, RecipeCard recipe) {

    /** The model file in a saved folder (its card and history sit next to it). */
    public static final String MODEL = "model.zip";
    /** The fitted preprocessing in a saved folder. */
    public static final String TRANSFORM = "transform.json";
    /** The recipe card in a saved folder. */
    public static final String RECIPE = "recipe.json";
    /** Stem of the history files in a saved folder (CSV, JSON and the curves PNG). */
    public static final String HISTORY = "history";

    /** Validates presence. */
    public TabularModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(recipe, "recipe");
    }

    /**
     * A model from what a recipe's run produced: the trained model, the transform of the split it
     * trained on and the recipe (its card is kept). When the recipe read a numeric target's
     * integer codes as classes, the transform is saved with those classes.
     */
    public static TabularModel of(TrainedModel<?> model, TabularTransform transform, TabularRecipe recipe) {
        boolean codes = recipe.task().kind().isClassification() && !transform.targetKind().isClassification();
        return new TabularModel(model, codes ? transform.withClasses(recipe.schema()) : transform, recipe.card());
    }

    /** Predictions for every row of a comma-separated UTF-8 file with a header row. */
    public TabularPredictions predict(Path csv) {
        return predict(csv, CsvFormat.DEFAULT);
    }

    /** Predictions for every row of a CSV file in {@code format}. */
    public TabularPredictions predict(Path csv, CsvFormat format) {
        return predict(CsvTable.read(csv, format));
    }

    /** Predictions for every row of a table already read. */
    public TabularPredictions predict(CsvTable table) {
        INDArray outputs = outputs(transform.features(table), table.source());
        return new TabularPredictions(transform, table.header(), table.rows().stream().map(List::of).toList(), outputs);
    }

    /**
     * Predictions for rows given as column name → raw value ({@code null} or a missing token such
     * as {@code NA} for a missing value); the predictions' columns are the model's feature columns.
     *
     * @throws DataLoadException when there is no row, or a row lacks a feature column
     */
    public TabularPredictions predict(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            throw new DataLoadException("predict(rows): no rows; fix: pass at least one row");
        }
        INDArray outputs = outputs(transform.features(rows), "input rows");
        List<String> columns = transform.columns().stream().map(c -> c.column().name()).toList();
        List<List<String>> values = rows.stream()
                .map(row -> columns.stream().map(row::get).map(v -> v == null ? "" : v).toList()).toList();
        return new TabularPredictions(transform, columns, values, outputs);
    }

    /** The task's metrics on a labelled comma-separated UTF-8 file (it has the target column). */
    public TabularEvaluation evaluate(Path csv) {
        return evaluate(csv, CsvFormat.DEFAULT);
    }

    /** The task's metrics on a labelled CSV file in {@code format}. */
    public TabularEvaluation evaluate(Path csv, CsvFormat format) {
        return evaluate(CsvTable.read(csv, format));
    }

    /**
     * The task's metrics on a labelled table: accuracy (F1, MCC) for classes, RMSE (R²) for
     * numbers, from the same decisions {@link #predict} reports.
     *
     * @throws DataLoadException when the table has no target column or holds a class the model
     *     does not know
     */
    public TabularEvaluation evaluate(CsvTable table) {
        INDArray labels = transform.labels(table);
        INDArray outputs = outputs(transform.features(table), table.source());
        return TabularEvaluation.of(transform.task(), labels, outputs);
    }

    private INDArray outputs(INDArray features, String source) {
        INDArray outputs = model.predict(features);
        if (outputs.size(1) != transform.numOutputs()) {
            throw new IllegalStateException(source + ": the network has " + outputs.size(1) + " outputs but its "
                    + "transform describes " + transform.numOutputs() + " (" + transform.targetKind() + " "
                    + transform.classes() + "); fix: use a model and a transform saved together");
        }
        return outputs;
    }

    /**
     * Writes the model folder as one unit: {@value #MODEL} (with its card and history next to it),
     * {@value #TRANSFORM}, {@value #RECIPE}, {@value #HISTORY}{@code .csv/.json/.png} and
     * {@value AtomicFolder#MANIFEST} (the SHA-256 of every file). The folder is built beside
     * {@code dir} and swapped in ({@link AtomicFolder}), so a process killed at any instant leaves
     * the old complete folder or the new one, never a new transform next to an old model.
     *
     * @throws IllegalArgumentException when {@code dir} is a file, or a folder holding files this
     *                                  method did not write (nothing is written or deleted then);
     *                                  {@link #checkSavable(Path)} checks that before training
     */
    public void save(Path dir) throws IOException {
        AtomicFolder.write(dir, staging -> {
            transform.save(staging.resolve(TRANSFORM));
            model.save(staging.resolve(MODEL));
            model.history().writeAll(staging, HISTORY);
            AtomicFiles.writeString(staging.resolve(RECIPE), recipe.toJson());
        });
    }

    /**
     * Checks, before any work, that {@link #save(Path)} may write {@code dir}: it does not exist,
     * is empty, or is a model folder holding nothing else.
     *
     * @throws IllegalArgumentException naming the folder, what is in the way and the fix
     */
    public static void checkSavable(Path dir) throws IOException {
        AtomicFolder.checkReplaceable(dir);
    }

    /**
     * Reads a folder written by {@link #save(Path)}, after finishing a swap a killed writer left
     * half done and checking every file against the manifest (folders saved before manifests
     * existed load unchecked).
     *
     * @throws IllegalArgumentException naming the missing or damaged file when {@code dir} is not a
     *                                  complete model folder
     */
    public static TabularModel load(Path dir) throws IOException {
        try {
            AtomicFolder.read(dir);
        } catch (NoSuchFileException e) {
            // reported below as the missing model.zip
        }
        for (String file : List.of(MODEL, TRANSFORM, RECIPE)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new IllegalArgumentException("model folder " + dir + " has no " + file + "; fix: pass a folder "
                        + "written by TabularModel.save (or 'dl4j-recipes train tabular --output <folder>')");
            }
        }
        RecipeCard recipe;
        try {
            recipe = RecipeCard.fromJson(Files.readString(dir.resolve(RECIPE), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("file " + dir.resolve(RECIPE) + ": " + e.getMessage(), e);
        }
        return new TabularModel(TrainedModel.load(dir.resolve(MODEL)), TabularTransform.load(dir.resolve(TRANSFORM)),
                recipe);
    }
}
