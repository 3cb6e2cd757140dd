package io.github.dl4jrecipes.core.task;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.github.dl4jrecipes.core.PresetAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricTest {

    private static INDArray column(double... values) {
        return Nd4j.createFromArray(values).reshape(-1, 1);
    }

    // labels 1 1 1 0 0 0 0 0 ; predictions p>=0.5: 1 1 0 1 0 0 0 0 -> TP 2, FN 1, FP 1, TN 4
    private final INDArray y = column(1, 1, 1, 0, 0, 0, 0, 0);
    private final INDArray p = column(0.9, 0.6, 0.2, 0.7, 0.1, 0.4, 0.3, 0.0);

    @Test
    void binaryClassificationMetricsMatchTheConfusionMatrix() {
        assertEquals(6.0 / 8, Metric.ACCURACY.compute(y, p), 1e-12);
        assertEquals(2.0 * 2 / (2 * 2 + 1 + 1), Metric.F1.compute(y, p), 1e-12);
        double mcc = (2.0 * 4 - 1.0 * 1) / Math.sqrt(3.0 * 3 * 5 * 5);
        assertEquals(mcc, Metric.MCC.compute(y, p), 1e-12);
    }

    @Test
    void mccOfAConstantPredictorIsZero() {
        assertEquals(0.0, Metric.MCC.compute(y, column(0, 0, 0, 0, 0, 0, 0, 0)), 0.0);
    }

    @Test
    void f1IsMacroAveragedOverColumns() {
        INDArray labels = Nd4j.createFromArray(new double[][]{{1, 0}, {1, 1}, {0, 1}, {0, 0}});
        INDArray preds = Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}, {0, 0}, {0, 0}});
        // column 0: TP1 FN1 -> 2/3 ; column 1: TP1 FN1 -> 2/3
        assertEquals(2.0 / 3, Metric.F1.compute(labels, preds), 1e-12);
        // exact match rows: 0 and 3
        assertEquals(0.5, Metric.ACCURACY.compute(labels, preds), 1e-12);
    }

    @Test
    void regressionMetricsMatchClosedForms() {
        INDArray t = column(1, 2, 3, 4);
        INDArray q = column(1.5, 2, 2, 4);
        double sse = 0.25 + 0 + 1 + 0;
        assertEquals(Math.sqrt(sse / 4), Metric.RMSE.compute(t, q), 1e-12);
        assertEquals(1 - sse / 5.0, Metric.R2.compute(t, q), 1e-12);
    }

    @Test
    void directionRanksCandidates() {
        assertTrue(Metric.RMSE.isBetter(0.1, 0.2));
        assertFalse(Metric.ACCURACY.isBetter(0.1, 0.2));
        assertTrue(Metric.R2.isBetter(0.0, Metric.R2.worst()));
        assertTrue(Metric.RMSE.isBetter(1e9, Metric.RMSE.worst()));
        assertEquals(Metric.Direction.LOWER_IS_BETTER, Metric.RMSE.direction());
    }

    @Test
    void badShapesAreRejected() {
        assertMessage(() -> Metric.RMSE.compute(column(1, 2), column(1, 2, 3)), "same shape", "[2, 1]", "[3, 1]");
        assertMessage(() -> Metric.MCC.compute(Nd4j.zeros(2, 2), Nd4j.zeros(2, 2)), "MCC", "2 columns", "F1");
        assertMessage(() -> Metric.RMSE.compute(Nd4j.zeros(0, 1), Nd4j.zeros(0, 1)), "0 examples");
    }

    /** Three classes, the right one always the arg-max, yet never at 0.5: thresholding would score 0. */
    private final INDArray threeClasses = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    private final INDArray softmax = Nd4j.createFromArray(new double[][] {
        {0.40, 0.35, 0.25}, {0.30, 0.45, 0.25}, {0.20, 0.35, 0.45}});

    @Test
    void softmaxOutputsAreScoredByTheirArgMaxThroughTheTask() {
        Task task = Task.multiclass(3);
        assertEquals(1.0, task.evaluate(threeClasses, softmax), 0.0);
        assertEquals(1.0, task.evaluate(Metric.F1, threeClasses, softmax), 0.0);
        // one wrong row: row 3's arg-max is class 2 instead of 3
        INDArray oneWrong = softmax.dup();
        oneWrong.putScalar(2, 1, 0.5);
        oneWrong.putScalar(2, 2, 0.3);
        assertEquals(2.0 / 3, task.evaluate(threeClasses, oneWrong), 1e-12);
    }

    @Test
    void probabilitiesOverSeveralColumnsAreRefusedByTheBareMetric() {
        assertMessage(() -> Metric.ACCURACY.compute(threeClasses, softmax), "ACCURACY.compute: predictions row 1",
                "[0.4, 0.35, 0.25] is not a 0/1 decision", "task.evaluate(labels, outputs)");
        assertMessage(() -> Metric.F1.compute(threeClasses, softmax), "F1.compute");
        // decisions and single sigmoid columns are still scored directly
        assertEquals(1.0, Metric.ACCURACY.compute(threeClasses, Task.multiclass(3).decisions(softmax)), 0.0);
        assertEquals(0.5, Metric.ACCURACY.compute(column(1, 0), column(0.2, 0.1)), 0.0);
    }

    @Test
    void multiLabelSigmoidsAreDecidedPerColumn() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 1}});
        INDArray sigmoid = Nd4j.createFromArray(new double[][] {{0.9, 0.2}, {0.6, 0.4}});
        assertEquals(0.5, Task.multilabel(2).evaluate(Metric.ACCURACY, labels, sigmoid), 0.0);
    }
}
