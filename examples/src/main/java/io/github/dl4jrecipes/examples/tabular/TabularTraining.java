package io.github.dl4jrecipes.examples.tabular;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.tabular.TabularModel;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The tabular sample end to end, shared by the sample apps and {@code dl4j-recipes train
 * tabular}: split the table three ways, print the recipe card, train the default recipe (or a
 * customised one), score the held-out test rows with the task's metric, save the
 * {@link TabularModel} folder.
 *
 * @param trainFraction share of rows to train on
 * @param validFraction share of rows to validate on after each epoch; the rest is the test set
 * @param seed          seed of the split and the recipe
 */
public record TabularTraining(double trainFraction, double validFraction, long seed) {

    /** 60% train: with 20% validation and 20% test, the penguins test set has 69 rows. */
    public static final double DEFAULT_TRAIN = 0.6;
    /** 20% validation. */
    public static final double DEFAULT_VALID = 0.2;

    /** The default 60/20/20 split with seed 42. */
    public static TabularTraining defaults() {
        return new TabularTraining(DEFAULT_TRAIN, DEFAULT_VALID, Fit.DEFAULT_SEED);
    }

    /**
     * Trains on {@code data} and writes the results into {@code output}.
     *
     * @param customize changes to the default recipe (e.g. {@code r -> r.withEpochs(50)}), or identity
     * @param out       where to print the card and the results
     */
    public Result run(TabularData data, UnaryOperator<TabularRecipe> customize, Path output, PrintWriter out)
            throws IOException {
        Objects.requireNonNull(customize, "customize");
        TabularModel.checkSavable(output);
        TabularSplit split = data.split(trainFraction, validFraction, seed);
        TabularRecipe recipe = customize.apply(isClassification(data)
                ? TabularRecipe.classifier(data.schema()) : TabularRecipe.regressor(data.schema()))
                .withSeed(seed).withTrainRows(split.train().numExamples());
        out.println(recipe.card());
        out.flush();
        TrainedModel<? extends Model> model = recipe.fit(split.train(), split.valid());
        DataSet test = recipe.classLabels(split.test().orElse(split.valid()));
        double metric = recipe.task().evaluate(test.getLabels(), model.predict(test.getFeatures()));
        TabularModel.of(model, split.transform(), recipe).save(output);
        Result result = new Result(recipe.task().metric().name().toLowerCase(java.util.Locale.ROOT), metric,
                test.numExamples(), split.test().isPresent(), output);
        out.println(result);
        out.flush();
        return result;
    }

    private static boolean isClassification(TabularData data) {
        return data.schema().targetKind().isClassification();
    }

    /**
     * What a run measured and where it wrote.
     *
     * @param metric   the task's metric name (accuracy, rmse, ...)
     * @param value    its value on the test rows
     * @param rows     the number of test rows
     * @param heldOut  whether those rows are a held-out test set (false: the validation set)
     * @param folder   the model folder written ({@link TabularModel#load(Path)} reads it)
     */
    public record Result(String metric, double value, int rows, boolean heldOut, Path folder) {

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s %s: %.4f on %d rows%nwrote %s (model, card, history, "
                    + "curves, transform)", heldOut ? "test" : "validation", metric, value, rows, folder);
        }
    }
}
