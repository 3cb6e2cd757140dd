package io.github.dl4jrecipes.core.task;

import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The losses a {@link Task} can train with. */
public enum TaskLoss {
    /** Binary cross-entropy, for sigmoid outputs (binary and multi-label). */
    XENT,
    /** Multi-class cross-entropy, for a softmax output. */
    MCXENT,
    /** Mean squared error: the regression default. */
    MSE,
    /** Mean absolute error (DL4J's L1 loss): robust to outliers, predicts the median. */
    L1,
    /** Huber loss: squared near zero, absolute beyond {@code delta}; see {@link HuberLoss}. */
    HUBER;

    /** @return true for the losses that fit regression tasks */
    public boolean isRegression() {
        return this == MSE || this == L1 || this == HUBER;
    }

    ILossFunction toLossFunction(double huberDelta) {
        return switch (this) {
            case XENT -> new LossBinaryXENT();
            case MCXENT -> new LossMCXENT();
            case MSE -> new LossMSE();
            case L1 -> new LossL1();
            case HUBER -> new HuberLoss(huberDelta);
        };
    }
}
