package io.github.dl4jrecipes.core.train;

/**
 * How one layer's gradients and updates looked over the sampled iterations.
 *
 * @param layer        the layer's index ("0", "1" ...) or name in a graph
 * @param gradientNorm mean L2 norm of the layer's gradient (all its parameters)
 * @param updateRatio  mean of ‖update‖ / ‖parameters‖ per step
 * @param status       the verdict on {@code updateRatio}
 */
public record LayerHealth(String layer, double gradientNorm, double updateRatio, Status status) {

    /** The verdict on a layer. */
    public enum Status {
        /** Update/parameter ratio near {@link GradientHealth#HEALTHY_UPDATE_RATIO}. */
        HEALTHY,
        /** Updates far too small to change the weights: vanishing gradients (or a learning rate far too low). */
        VANISHING,
        /** Updates as large as the weights, or not finite: exploding gradients (or a learning rate far too high). */
        EXPLODING
    }
}
