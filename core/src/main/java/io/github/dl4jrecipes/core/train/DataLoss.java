package io.github.dl4jrecipes.core.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The loss of the data alone. DL4J's {@code score()} adds the L1/L2/weight-decay term to the data
 * loss, so with weight decay it mostly measures the weights (a Fashion-MNIST run logged "train
 * loss 9.8 … 20.4" for a cross-entropy below 0.3); histories, plateau detection and tuning compare
 * this instead.
 */
public final class DataLoss {
    private DataLoss() {
    }

    /**
     * DL4J's score of the last training step less the regularization term at the current
     * parameters (one update later than the score; a difference of one step's size).
     *
     * @param model a {@link MultiLayerNetwork} or {@link ComputationGraph}; other models have no term
     */
    public static double ofLastStep(Model model) {
        return model.score() - regularization(model);
    }

    /** The regularization term DL4J adds to the loss, at the current parameters. */
    public static double regularization(Model model) {
        if (model instanceof MultiLayerNetwork mln) {
            return mln.calcRegularizationScore(true);
        }
        return model instanceof ComputationGraph graph ? graph.calcRegularizationScore(true) : 0;
    }
}
