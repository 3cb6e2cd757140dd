package io.github.dl4jrecipes.core.task;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;

/**
 * Huber loss (Huber, 1964), which ND4J lacks: {@code ½·r²} for {@code |r| ≤ δ} and
 * {@code δ·(|r| − ½δ)} beyond, with {@code r = output − label}. Quadratic near the target like
 * MSE, linear for outliers like L1. Summed over outputs per example, like DL4J's MSE/L1.
 *
 * <p>Stored inside DL4J configurations (JSON class name {@code io.github.dl4jrecipes.core.task.HuberLoss},
 * field {@code delta}): a file format, never renamed.
 */
public final class HuberLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    /** Default threshold δ = 1.0, the value used by PyTorch's {@code HuberLoss} and Keras. */
    public static final double DEFAULT_DELTA = 1.0;

    private static final double HALF = 0.5;

    @JsonProperty("delta")
    private final double delta;

    /**
     * @param delta where the loss turns from quadratic to linear; must be finite and &gt; 0
     */
    @JsonCreator
    public HuberLoss(@JsonProperty("delta") double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("Huber delta must be a finite number > 0, got " + delta
                    + "; use HuberLoss.DEFAULT_DELTA (" + DEFAULT_DELTA + ") or the scale of a typical residual");
        }
        this.delta = delta;
    }

    /** @return the threshold δ */
    public double delta() {
        return delta;
    }

    private INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        checkShapes(labels, preOutput);
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray residual = output.subi(labels.castTo(output.dataType()));
        INDArray abs = Transforms.abs(residual, true);
        INDArray quadratic = residual.mul(residual).muli(HALF);
        INDArray linear = abs.sub(HALF * delta).muli(delta);
        INDArray isLinear = abs.gt(delta).castTo(output.dataType());
        INDArray score = quadratic.muli(isLinear.rsub(1.0)).addi(linear.muli(isLinear));
        if (mask != null) {
            LossUtil.applyMask(score, mask);
        }
        return score;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double score = scoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? score / labels.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return scoreArray(labels, preOutput, activationFn, mask).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        checkShapes(labels, preOutput);
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray dLdOut = output.subi(labels.castTo(output.dataType()));
        // d/dr of Huber: r inside [-δ, δ], δ·sign(r) outside = r clipped to [-δ, δ]
        BooleanIndexing.replaceWhere(dLdOut, delta, Conditions.greaterThan(delta));
        BooleanIndexing.replaceWhere(dLdOut, -delta, Conditions.lessThan(-delta));
        if (mask != null && LossUtil.isPerOutputMasking(dLdOut, mask)) {
            LossUtil.applyMask(dLdOut, mask);
        }
        INDArray gradient = activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
        if (mask != null) {
            LossUtil.applyMask(gradient, mask);
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    private static void checkShapes(INDArray labels, INDArray preOutput) {
        if (!labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException("labels and network output must have the same shape; labels "
                    + Arrays.toString(labels.shape()) + ", output " + Arrays.toString(preOutput.shape())
                    + ": set the output layer's nOut to the number of label columns");
        }
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "HuberLoss(delta=" + delta + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HuberLoss other && Double.compare(other.delta, delta) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(delta);
    }
}
