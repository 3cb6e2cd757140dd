package io.github.dl4jrecipes.recipes;

import io.github.dl4jrecipes.core.train.TrainedModel;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A preset that turns a task and its data's shape into a working, well-tuned network. Every
 * recipe is an immutable value changed through {@code withX()} copies, and always hands back
 * plain DL4J objects.
 *
 * <pre>{@code
 * Recipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(50);
 * log.info("{}", recipe.card());                       // every setting, its value and its source
 * NetworkConfiguration conf = recipe.toConfiguration();    // plain DL4J configuration
 * TrainedModel<?> model = recipe.fit(train, valid);        // history and model card included
 * }</pre>
 */
public interface Recipe {

    /** The DL4J configuration this recipe resolves to (a MultiLayer or a ComputationGraph one). */
    NetworkConfiguration toConfiguration();

    /** An initialised network of {@link #toConfiguration()}, ready for {@code fit}. */
    Model build();

    /**
     * Trains a fresh network on {@code train}, measuring on {@code valid} after each epoch.
     *
     * @param train the training data; must support {@code reset()}
     * @param valid the validation data, or null
     * @return the trained network with its history and model card
     * @throws IllegalArgumentException when the data does not fit the recipe (other input or
     *     label width than the recipe was built for)
     */
    TrainedModel<? extends Model> fit(DataSetIterator train, DataSetIterator valid);

    /** Every resolved setting with its value and where it comes from, before any training. */
    RecipeCard card();
}
