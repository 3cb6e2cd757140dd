package com.example;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.nd4j.linalg.dataset.DataSet;

/** A user's first program: the hardware report, then the default tabular recipe on the bundled penguins. */
public final class Penguins {
    private Penguins() {
    }

    /** Trains for {@code epochs} and returns the test accuracy. */
    public static double trainAndTest(int epochs) {
        TabularData data = TabularData.penguins();
        TabularSplit split = data.split(0.6, 0.2, 42);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(epochs);
        TrainedModel<?> model = recipe.fit(split.train(), split.valid());
        DataSet test = split.test().orElseThrow();
        return recipe.task().evaluate(test.getLabels(), model.predict(test.getFeatures()));
    }

    public static void main(String[] args) {
        System.out.println(Hardware.report());
        System.out.println("test accuracy: " + trainAndTest(20));
    }
}
