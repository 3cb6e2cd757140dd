package io.github.dl4jrecipes.recipes.internal;

import io.github.dl4jrecipes.core.train.Net;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Standardizes regression targets while training and folds the scaling back into the (linear)
 * output layer afterwards, so the trained network predicts in the target's own units: with
 * {@code y = std · y' + mean} and {@code y' = W·h + b}, the output layer becomes
 * {@code W ← std·W}, {@code b ← std·b + mean}. Adam's steps are of the order of the learning
 * rate, so an unscaled target (penguin body mass ≈ 4,000 g) would need thousands of updates just
 * to move the bias.
 *
 * @param mean per target column, over the training rows
 * @param std  per target column, 1 where constant
 */
public record TargetScaling(double[] mean, double[] std) {

    /** Scale of a constant target column, so that standardizing leaves it at zero instead of dividing by 0. */
    static final double CONSTANT_STD = 1;

    /** Statistics of the labels of every batch of {@code train} (reset before and after). */
    public static TargetScaling of(DataSetIterator train) {
        double[] sum = null;
        double[] sumSq = null;
        long rows = 0;
        train.reset();
        while (train.hasNext()) {
            INDArray labels = train.next().getLabels();
            if (sum == null) {
                sum = new double[(int) labels.size(1)];
                sumSq = new double[sum.length];
            }
            for (int c = 0; c < sum.length; c++) {
                INDArray column = labels.getColumn(c).castTo(DataType.DOUBLE);
                sum[c] += column.sumNumber().doubleValue();
                sumSq[c] += column.mul(column).sumNumber().doubleValue();
            }
            rows += labels.size(0);
        }
        train.reset();
        double[] mean = new double[sum.length];
        double[] std = new double[sum.length];
        for (int c = 0; c < sum.length; c++) {
            mean[c] = sum[c] / rows;
            double variance = sumSq[c] / rows - mean[c] * mean[c];
            std[c] = variance > 0 ? Math.sqrt(variance) : CONSTANT_STD;
        }
        return new TargetScaling(mean, std);
    }

    /** Standardizes the labels of each batch, after whatever {@code previous} does (may be null). */
    public DataSetPreProcessor preProcessor(DataSetPreProcessor previous) {
        INDArray meanRow = Nd4j.createFromArray(mean).reshape(1, mean.length);
        INDArray stdRow = Nd4j.createFromArray(std).reshape(1, std.length);
        return batch -> {
            if (previous != null) {
                previous.preProcess(batch);
            }
            standardize(batch, meanRow, stdRow);
        };
    }

    private static void standardize(DataSet batch, INDArray meanRow, INDArray stdRow) {
        INDArray labels = batch.getLabels();
        batch.setLabels(labels.sub(meanRow.castTo(labels.dataType())).divi(stdRow.castTo(labels.dataType())));
    }

    /** Rewrites the output layer so that the network predicts unscaled targets. */
    public void foldInto(Model network) {
        Layer output = Net.of(network).outputLayer();
        INDArray weights = output.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bias = output.getParam(DefaultParamInitializer.BIAS_KEY);
        INDArray stdRow = Nd4j.createFromArray(std).reshape(1, std.length).castTo(weights.dataType());
        INDArray meanRow = Nd4j.createFromArray(mean).reshape(1, mean.length).castTo(bias.dataType());
        weights.muliRowVector(stdRow);
        bias.muli(stdRow.reshape(bias.shape())).addi(meanRow.reshape(bias.shape()));
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}
