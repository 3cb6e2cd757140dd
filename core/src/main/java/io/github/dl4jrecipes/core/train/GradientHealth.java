package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.internal.Args;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DL4J listener that samples, every few iterations, each layer's gradient norm and the ratio
 * of its update to its parameters, and reports layers whose gradients vanish or explode. Add it
 * next to your other listeners; read {@link #report()} during or after training.
 *
 * <pre>{@code
 * GradientHealth health = GradientHealth.every(10);
 * net.addListeners(health);
 * Fit.of(net, task).run(train, valid);
 * log.info("{}", health.report());
 * }</pre>
 *
 * <p>The yardstick is Karpathy's rule of thumb (CS231n, "Neural Networks Part 3"): the update of
 * a weight matrix should be about 1e-3 of its norm per step; a hundred times less means the layer
 * barely learns, a hundred times more that it is thrown around.
 */
public final class GradientHealth extends BaseTrainingListener {

    /** Healthy ‖update‖ / ‖parameters‖ per step: 1e-3 (CS231n). */
    public static final double HEALTHY_UPDATE_RATIO = 1e-3;
    /** Below this ratio (100× under healthy) a layer counts as vanishing. */
    public static final double VANISHING_RATIO = HEALTHY_UPDATE_RATIO / 100;
    /** Above this ratio (100× over healthy) a layer counts as exploding. */
    public static final double EXPLODING_RATIO = HEALTHY_UPDATE_RATIO * 100;
    /** Default sampling interval in iterations: cheap, yet dozens of samples per epoch on real data. */
    public static final int DEFAULT_EVERY = 10;

    private final int every;
    private final Map<String, double[]> sums = new LinkedHashMap<>();   // layer -> {grad norm, ratio, count}
    private final Map<String, Double> pendingGradientNorms = new LinkedHashMap<>();
    private long steps;
    private int samples;

    private GradientHealth(int every) {
        this.every = every;
    }

    /** Samples every {@link #DEFAULT_EVERY} iterations. */
    public static GradientHealth create() {
        return every(DEFAULT_EVERY);
    }

    /** Samples every {@code iterations} iterations (1 = every step). */
    public static GradientHealth every(int iterations) {
        Args.atLeast("iterations", iterations, 1, "1 samples every step.");
        return new GradientHealth(iterations);
    }

    @Override
    public void onGradientCalculation(Model model) {
        pendingGradientNorms.clear();
        if (steps++ % every != 0) {
            return;
        }
        Gradient gradient = model.gradient();
        if (gradient != null) {
            squaredNormsByLayer(gradient.gradientForVariable())
                    .forEach((layer, sq) -> pendingGradientNorms.put(layer, Math.sqrt(sq)));
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (pendingGradientNorms.isEmpty()) {
            return;
        }
        // after the step the gradient view holds the update the updater applied
        Map<String, Double> updates = squaredNormsByLayer(model.gradient().gradientForVariable());
        Map<String, Double> params = squaredNormsByLayer(model.paramTable());
        for (String layer : params.keySet()) {   // parameter order: input side first
            if (!pendingGradientNorms.containsKey(layer)) {
                continue;
            }
            double ratio = Math.sqrt(updates.getOrDefault(layer, Double.NaN))
                    / Math.sqrt(params.get(layer));
            double[] sum = sums.computeIfAbsent(layer, k -> new double[3]);
            sum[0] += pendingGradientNorms.get(layer);
            sum[1] += ratio;
            sum[2]++;
        }
        samples++;
        pendingGradientNorms.clear();
    }

    /** What was seen so far. */
    public GradientHealthReport report() {
        List<LayerHealth> layers = new ArrayList<>();
        sums.forEach((layer, s) -> {
            double ratio = s[1] / s[2];
            LayerHealth.Status status = !Double.isFinite(ratio) || ratio > EXPLODING_RATIO
                    ? LayerHealth.Status.EXPLODING
                    : ratio < VANISHING_RATIO ? LayerHealth.Status.VANISHING : LayerHealth.Status.HEALTHY;
            layers.add(new LayerHealth(layer, s[0] / s[2], ratio, status));
        });
        return new GradientHealthReport(layers, samples);
    }

    /** Sum of squares per layer; parameter keys are "layer_param" (e.g. "0_W", "dense_b"). */
    private static Map<String, Double> squaredNormsByLayer(Map<String, INDArray> arrays) {
        Map<String, Double> byLayer = new LinkedHashMap<>();
        arrays.forEach((key, array) -> {
            int cut = key.lastIndexOf('_');
            String layer = cut > 0 ? key.substring(0, cut) : key;
            double norm = array.norm2Number().doubleValue();
            byLayer.merge(layer, norm * norm, Double::sum);
        });
        return byLayer;
    }
}
