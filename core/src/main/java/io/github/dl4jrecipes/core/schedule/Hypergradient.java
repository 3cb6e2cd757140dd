package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayList;
import java.util.List;

/**
 * What the hypergradient updaters ({@link HypergradientSgd}, {@link HypergradientAdam}) share:
 * their checks, and reading the learning rates they have adapted out of a network.
 *
 * <pre>{@code
 * net.fit(data);
 * List<Double> lrs = Hypergradient.learningRates(net);   // one per updater block, in order
 * }</pre>
 */
public final class Hypergradient {

    private Hypergradient() {
    }

    /** A hypergradient {@code GradientUpdater}: it knows its current learning rate. */
    public interface Adaptive {
        /** @return the learning rate α the next step starts from */
        double learningRate();
    }

    /**
     * The adapted learning rates of a network's hypergradient updater blocks, in block order
     * (empty when none uses a hypergradient updater or the network has not been trained yet).
     */
    public static List<Double> learningRates(Model network) {
        Updater updater = network instanceof MultiLayerNetwork m ? m.getUpdater(false)
                : network instanceof ComputationGraph g ? g.getUpdater(false) : null;
        List<Double> rates = new ArrayList<>();
        if (updater instanceof BaseMultiLayerUpdater<?> blocks) {
            for (UpdaterBlock block : blocks.getUpdaterBlocks()) {
                if (block.getGradientUpdater() instanceof Adaptive adaptive) {
                    rates.add(adaptive.learningRate());
                }
            }
        }
        return rates;
    }

    static double checkInitialLr(double learningRate) {
        return Args.nonNegative("learningRate (the initial learning rate)", learningRate, "pass the learning rate "
                + "to start from, e.g. 1e-3; the hypergradient adapts it (even 0 works)");
    }

    static double checkHyperLr(double hyperLearningRate, double byDefault) {
        return Args.positive("hyperLearningRate", hyperLearningRate, "use the paper's " + byDefault
                + " (Baydin et al. 2018); smaller values adapt the learning rate more slowly");
    }

    static void refuseSchedule(Class<?> updater, ISchedule schedule) {
        if (schedule != null) {
            throw new IllegalArgumentException("learningRateSchedule: " + updater.getSimpleName() + " adapts its own "
                    + "learning rate by hypergradient descent, got the schedule " + schedule + "; fix: pass a fixed "
                    + "initial learning rate, or use a plain updater (e.g. OneCycle's adam()) for a schedule");
        }
    }

    /** g·d over all elements (double precision). */
    static double dot(INDArray g, INDArray d) {
        return g.mul(d).sumNumber().doubleValue();
    }
}
