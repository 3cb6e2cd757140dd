package io.github.dl4jrecipes.core.train;

import java.util.List;
import java.util.Locale;

/**
 * Per-layer gradient norms and update/parameter ratios gathered by {@link GradientHealth}, with
 * the layers whose gradients vanish or explode.
 *
 * @param layers  one entry per layer with parameters, input side first
 * @param samples the number of iterations sampled
 */
public record GradientHealthReport(List<LayerHealth> layers, int samples) {

    /** Copies the list. */
    public GradientHealthReport {
        layers = List.copyOf(layers);
    }

    /** The layers whose updates are vanishingly small. */
    public List<String> vanishing() {
        return layers.stream().filter(l -> l.status() == LayerHealth.Status.VANISHING)
                .map(LayerHealth::layer).toList();
    }

    /** The layers whose updates are as large as their weights. */
    public List<String> exploding() {
        return layers.stream().filter(l -> l.status() == LayerHealth.Status.EXPLODING)
                .map(LayerHealth::layer).toList();
    }

    /** Whether every layer is healthy. */
    public boolean healthy() {
        return vanishing().isEmpty() && exploding().isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Gradient health over %d sampled iterations (healthy update/param ratio ≈ %.0e)%n",
                samples, GradientHealth.HEALTHY_UPDATE_RATIO));
        s.append(String.format(Locale.ROOT, "  %-12s %14s %14s  %s%n", "layer", "grad norm", "update/param", "status"));
        for (LayerHealth l : layers) {
            s.append(String.format(Locale.ROOT, "  %-12s %14.3e %14.3e  %s%n", l.layer(), l.gradientNorm(),
                    l.updateRatio(), l.status()));
        }
        if (!vanishing().isEmpty()) {
            s.append("  Vanishing gradients in layers ").append(vanishing()).append(": use ReLU-family "
                    + "activations with He init, batch normalization or residual connections, or a higher "
                    + "learning rate.").append(System.lineSeparator());
        }
        if (!exploding().isEmpty()) {
            s.append("  Exploding gradients in layers ").append(exploding()).append(": lower the learning "
                    + "rate, clip gradients (GradientNormalization.ClipL2PerLayer) or normalize the inputs.")
                    .append(System.lineSeparator());
        }
        return s.toString();
    }
}
