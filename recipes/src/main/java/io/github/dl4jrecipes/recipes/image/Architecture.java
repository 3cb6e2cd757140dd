package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

/**
 * A network body and head built from scratch into a graph: {@link LeNet}, {@link SmallCnn} and
 * {@link SmallResNet}. Every layer gets a name so that cards and checkpoints read well. Public only
 * as the type of {@link ImageSettings#architecture()}: choose one with {@code ImageRecipe.lenet()},
 * {@code small()} or {@code resnet()}.
 */
public sealed interface Architecture permits LeNet, SmallCnn, SmallResNet {

    /** The name used in cards and logs: "lenet", "small", "resnet". */
    String name();

    /**
     * Throws when images of {@code shape} are too small for this architecture, naming the smallest
     * size it takes and the fix.
     */
    void check(ImageShape shape);

    /**
     * Adds the layers after {@code input}, ending with the task's output layer.
     *
     * @return the name of the output layer
     */
    String addTo(GraphBuilder graph, String input, ImageShape shape, Task task);
}
