package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.train.Net;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Regression targets standardized with the training rows' mean and (population) standard
 * deviation, as {@code TabularRecipe.fit} trains regressors, and the validation error of a network
 * trained on them, measured in the target's own units ({@code y = std · y' + mean}).
 *
 * @param mean per target column, {@code [1, columns]}
 * @param std  per target column, 1 where a column is constant
 */
record Standardization(INDArray mean, INDArray std) {

    /** @param labels the training targets {@code [rows, columns]} @return their standardization */
    static Standardization of(INDArray labels) {
        INDArray values = labels.castTo(DataType.DOUBLE);
        INDArray mean = values.mean(true, 0);
        INDArray std = values.std(false, true, 0);
        INDArray constant = std.eq(0).castTo(DataType.DOUBLE);
        return new Standardization(mean, std.add(constant));
    }

    /** @param data rows with targets in their own units @return the same rows with standardized targets */
    DataSet apply(DataSet data) {
        INDArray labels = data.getLabels();
        INDArray scaled = labels.castTo(DataType.DOUBLE).subRowVector(mean).divRowVector(std).castTo(labels.dataType());
        return new DataSet(data.getFeatures(), scaled);
    }

    /**
     * @param squared RMSE when true, else the mean absolute error
     * @return the error of a network trained on standardized targets, over every validation value, in the target's units
     */
    NetworkObjective.Measure error(boolean squared) {
        return (Net net, DataSetIterator valid) -> {
            double total = 0;
            long values = 0;
            while (valid.hasNext()) {
                DataSet batch = valid.next();
                INDArray predicted = net.output(batch.getFeatures()).castTo(DataType.DOUBLE).mulRowVector(std)
                        .addRowVector(mean);
                INDArray diff = predicted.sub(batch.getLabels().castTo(DataType.DOUBLE));
                total += squared ? diff.mul(diff).sumNumber().doubleValue()
                        : Transforms.abs(diff, false).sumNumber().doubleValue();
                values += diff.length();
            }
            if (values == 0) {
                throw new IllegalStateException("valid: the validation iterator yields no row; fix: pass a non-empty "
                        + "validation set");
            }
            return squared ? Math.sqrt(total / values) : total / values;
        };
    }
}
