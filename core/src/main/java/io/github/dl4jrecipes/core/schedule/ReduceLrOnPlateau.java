package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.core.train.DataLoss;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Performance scheduling: a listener that multiplies every layer's learning rate by
 * {@code factor} when the monitored value has not improved for {@code patience} epochs, then waits
 * {@code cooldown} epochs, never going below {@code minLr}. Same rules as PyTorch's
 * {@code ReduceLROnPlateau} (relative threshold). Works with any updater that has a learning
 * rate, on {@link MultiLayerNetwork} and {@link ComputationGraph}; a layer whose LR follows a
 * schedule continues at a fixed LR (its current value × factor) after the first reduction.
 *
 * <p>A listener holds state across epochs: use one instance per training run.
 *
 * <pre>{@code
 * net.addListeners(ReduceLrOnPlateau.onTrainingLoss());                         // epoch-mean training loss
 * net.addListeners(ReduceLrOnPlateau.on(m -> validLoss((MultiLayerNetwork) m),
 *         Metric.Direction.LOWER_IS_BETTER).withPatience(3).withFactor(0.5));
 * }</pre>
 */
public final class ReduceLrOnPlateau extends BaseTrainingListener {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ReduceLrOnPlateau.class);

    /** Multiply the LR by 0.1: Keras' and PyTorch's default factor. */
    public static final double DEFAULT_FACTOR = 0.1;
    /** Wait 10 epochs without improvement: Keras' and PyTorch's default patience. */
    public static final int DEFAULT_PATIENCE = 10;
    /** No cooldown by default (Keras, PyTorch). */
    public static final int DEFAULT_COOLDOWN = 0;
    /** No floor by default (Keras, PyTorch). */
    public static final double DEFAULT_MIN_LR = 0;
    /** An improvement must beat the best by 1e-4 relative: PyTorch's {@code threshold} in {@code rel} mode. */
    public static final double DEFAULT_THRESHOLD = 1e-4;

    private final transient ToDoubleFunction<Model> monitor;
    private final Metric.Direction direction;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minLr;

    private double best;
    private int badEpochs;
    private int cooldownLeft;
    private double lossSum;
    private int lossCount;
    private int reductions;

    private ReduceLrOnPlateau(ToDoubleFunction<Model> monitor, Metric.Direction direction, double factor,
                              int patience, int cooldown, double minLr) {
        this.monitor = monitor;
        this.direction = Objects.requireNonNull(direction, "direction");
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1), got " + factor + "; use " + DEFAULT_FACTOR
                    + " (or 0.5 for gentler steps)");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 epochs, got " + patience + "; use " + DEFAULT_PATIENCE);
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must be >= 0 epochs, got " + cooldown + "; use " + DEFAULT_COOLDOWN);
        }
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("minLr must be a finite number >= 0, got " + minLr + "; use 0 or e.g. 1e-6");
        }
        this.factor = factor;
        this.patience = patience;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.best = direction == Metric.Direction.LOWER_IS_BETTER ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * @return a listener that monitors the mean training loss of each epoch (the data loss, without
     *         the regularization term DL4J adds to its score)
     */
    public static ReduceLrOnPlateau onTrainingLoss() {
        return new ReduceLrOnPlateau(null, Metric.Direction.LOWER_IS_BETTER, DEFAULT_FACTOR, DEFAULT_PATIENCE,
                DEFAULT_COOLDOWN, DEFAULT_MIN_LR);
    }

    /**
     * @param monitor   computes the monitored value from the model at each epoch end (e.g. validation loss)
     * @param direction whether higher or lower values are better
     * @return a listener that monitors {@code monitor}
     */
    public static ReduceLrOnPlateau on(ToDoubleFunction<Model> monitor, Metric.Direction direction) {
        return new ReduceLrOnPlateau(Objects.requireNonNull(monitor, "monitor"), direction, DEFAULT_FACTOR,
                DEFAULT_PATIENCE, DEFAULT_COOLDOWN, DEFAULT_MIN_LR);
    }

    /** @return a fresh listener with another factor in (0, 1) */
    public ReduceLrOnPlateau withFactor(double factor) {
        return new ReduceLrOnPlateau(monitor, direction, factor, patience, cooldown, minLr);
    }

    /** @return a fresh listener with another patience (epochs) */
    public ReduceLrOnPlateau withPatience(int patience) {
        return new ReduceLrOnPlateau(monitor, direction, factor, patience, cooldown, minLr);
    }

    /** @return a fresh listener with another cooldown (epochs) */
    public ReduceLrOnPlateau withCooldown(int cooldown) {
        return new ReduceLrOnPlateau(monitor, direction, factor, patience, cooldown, minLr);
    }

    /** @return a fresh listener with another LR floor */
    public ReduceLrOnPlateau withMinLr(double minLr) {
        return new ReduceLrOnPlateau(monitor, direction, factor, patience, cooldown, minLr);
    }

    /** @return how many times the LR has been reduced */
    public int reductions() {
        return reductions;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (monitor == null) {
            lossSum += DataLoss.ofLastStep(model);
            lossCount++;
        }
    }

    /** The best monitored value so far (infinite before the first epoch end). */
    double best() {
        return best;
    }

    @Override
    public void onEpochEnd(Model model) {
        double value;
        if (monitor == null) {
            if (lossCount == 0) {
                return;
            }
            value = lossSum / lossCount;
            lossSum = 0;
            lossCount = 0;
        } else {
            value = monitor.applyAsDouble(model);
        }
        step(model, value);
    }

    /** PyTorch's ReduceLROnPlateau.step, relative threshold. */
    void step(Model model, double value) {
        if (isImprovement(value)) {
            best = value;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            reduce(model);
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }

    private boolean isImprovement(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return direction == Metric.Direction.LOWER_IS_BETTER
                ? value < best * (1 - Math.signum(best) * DEFAULT_THRESHOLD) || best == Double.POSITIVE_INFINITY
                : value > best * (1 + Math.signum(best) * DEFAULT_THRESHOLD) || best == Double.NEGATIVE_INFINITY;
    }

    private void reduce(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            int iteration = net.getIterationCount();
            int epoch = net.getEpochCount();
            for (int i = 0; i < net.getnLayers(); i++) {
                Double lr = reduced(net.getLayerWiseConfigurations().getConf(i).getLayer(), iteration, epoch);
                if (lr != null) {
                    net.setLearningRate(i, lr);
                }
            }
        } else if (model instanceof ComputationGraph graph) {
            int iteration = graph.getConfiguration().getIterationCount();
            int epoch = graph.getConfiguration().getEpochCount();
            for (Map.Entry<String, GraphVertex> e : graph.getConfiguration().getVertices().entrySet()) {
                if (e.getValue() instanceof LayerVertex lv) {
                    Double lr = reduced(lv.getLayerConf().getLayer(), iteration, epoch);
                    if (lr != null) {
                        graph.setLearningRate(e.getKey(), lr);
                    }
                }
            }
        } else {
            throw new IllegalStateException("ReduceLrOnPlateau works on MultiLayerNetwork and ComputationGraph, got "
                    + model.getClass().getName() + "; attach it to one of those");
        }
        reductions++;
    }

    /** @return the layer's new LR, or null when it has none or is already at the floor */
    private Double reduced(Layer layer, int iteration, int epoch) {
        if (!(layer instanceof BaseLayer base) || base.getIUpdater() == null || !base.getIUpdater().hasLearningRate()) {
            return null;
        }
        IUpdater updater = base.getIUpdater();
        double current = updater.getLearningRate(iteration, epoch);
        double next = Math.max(current * factor, minLr);
        if (next >= current) {
            return null;
        }
        log.info("reduce on plateau: layer {} learning rate {} -> {}", layer.getLayerName(), current, next);
        return next;
    }
}
