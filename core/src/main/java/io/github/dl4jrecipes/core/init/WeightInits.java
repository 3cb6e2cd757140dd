package io.github.dl4jrecipes.core.init;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

import java.util.Objects;

/**
 * Pairs an activation function with the weight initialisation that keeps the variance of
 * activations and gradients stable through the layer.
 *
 * <ul>
 *   <li>Glorot/Xavier (Glorot &amp; Bengio, 2010) for activations that are roughly linear around
 *       zero and symmetric: identity, tanh, sigmoid, softmax, softsign, hard tanh/sigmoid, cube.</li>
 *   <li>He/Kaiming normal (He et al., 2015, "Delving deep into rectifiers"), DL4J's
 *       {@link WeightInit#RELU}, for ReLU and its variants: leaky ReLU, RReLU, PReLU, ReLU6,
 *       thresholded ReLU, ELU, GELU, Swish, Mish, softplus, rectified tanh.</li>
 *   <li>LeCun normal for SELU (Klambauer et al., 2017, "Self-normalizing neural networks"):
 *       the self-normalising fixed point needs weights with variance 1/fan-in.</li>
 * </ul>
 *
 * <pre>{@code
 * WeightInit init = WeightInits.forActivation(Activation.RELU);   // WeightInit.RELU (He normal)
 * }</pre>
 */
public final class WeightInits {

    private WeightInits() {
    }

    /**
     * The weight initialisation paired with {@code activation}.
     *
     * @param activation the layer's activation, not null
     * @return Xavier, He (DL4J {@code RELU}) or LeCun normal, as listed on this class
     */
    public static WeightInit forActivation(Activation activation) {
        Objects.requireNonNull(activation, "activation");
        return switch (family(activation)) {
            case GLOROT -> WeightInit.XAVIER;
            case HE -> WeightInit.RELU;
            case LECUN -> WeightInit.LECUN_NORMAL;
        };
    }

    /**
     * Whether {@code init} is an acceptable choice for {@code activation}: the paired init or
     * one of its variants of the same family (for example Xavier uniform instead of Xavier
     * normal, He uniform instead of He normal).
     *
     * @param activation the layer's activation
     * @param init       the layer's weight initialisation
     * @return true when the two belong together
     */
    public static boolean isPaired(Activation activation, WeightInit init) {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(init, "init");
        InitFamily family = family(activation);
        return switch (init) {
            case XAVIER, XAVIER_UNIFORM, XAVIER_FAN_IN, XAVIER_LEGACY, SIGMOID_UNIFORM,
                    VAR_SCALING_NORMAL_FAN_AVG, VAR_SCALING_UNIFORM_FAN_AVG -> family == InitFamily.GLOROT;
            case RELU, RELU_UNIFORM -> family == InitFamily.HE;
            // DL4J's NORMAL is N(0, 1/fan-in), i.e. LeCun normal (its javadoc says so)
            case NORMAL, LECUN_NORMAL, LECUN_UNIFORM, VAR_SCALING_NORMAL_FAN_IN, VAR_SCALING_UNIFORM_FAN_IN ->
                    family == InitFamily.LECUN;
            default -> false;
        };
    }

    /**
     * The family of initialisation that suits {@code activation}.
     *
     * @param activation the layer's activation
     * @return Glorot, He or LeCun
     */
    public static InitFamily family(Activation activation) {
        Objects.requireNonNull(activation, "activation");
        return switch (activation) {
            case IDENTITY, TANH, SIGMOID, SOFTMAX, SOFTSIGN, HARDTANH, HARDSIGMOID, RATIONALTANH, CUBE ->
                    InitFamily.GLOROT;
            case SELU -> InitFamily.LECUN;
            case RELU, LEAKYRELU, RRELU, RELU6, THRESHOLDEDRELU, ELU, GELU, SWISH, MISH, SOFTPLUS,
                    RECTIFIEDTANH -> InitFamily.HE;
        };
    }
}
