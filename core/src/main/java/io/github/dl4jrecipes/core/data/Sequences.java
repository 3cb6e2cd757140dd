package io.github.dl4jrecipes.core.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Whole sequences (one label each, e.g. for sequence classification) as a DL4J {@link DataSet}
 * in the recurrent layout {@code [examples, features, time]}. Sequences of equal length stack
 * as they are; sequences of unequal length are padded at the end with zeros and get a features
 * mask ({@code [examples, time]}, 1 for real steps, 0 for padding), which DL4J's recurrent layers
 * and {@code LastTimeStep} honour, so padding changes nothing.
 *
 * <pre>{@code
 * DataSet equal = Sequences.stack(List.of(a, b), labels);      // each double[features][time]
 * DataSet ragged = Sequences.padded(List.of(shortOne, longOne), labels);
 * }</pre>
 */
public final class Sequences {

    private Sequences() {
    }

    /**
     * Sequences of one length, stacked.
     *
     * @param sequences each {@code [features][time]}
     * @param labels    {@code [examples, outputs]}
     * @throws IllegalArgumentException when lengths differ (use {@link #padded}), or feature
     *     counts or the number of labels do not match
     */
    public static DataSet stack(List<double[][]> sequences, INDArray labels) {
        int length = check(sequences, labels);
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i)[0].length != length) {
                throw new IllegalArgumentException("sequences: sequence " + i + " has " + sequences.get(i)[0].length
                        + " steps, sequence 0 has " + length + "; sequences of unequal length need a mask that marks "
                        + "the padding; fix: use Sequences.padded(sequences, labels)");
            }
        }
        return new DataSet(values(sequences, length), labels);
    }

    /**
     * Sequences of any lengths, padded at the end to the longest, with a features mask.
     *
     * @throws IllegalArgumentException when feature counts or the number of labels do not match
     */
    public static DataSet padded(List<double[][]> sequences, INDArray labels) {
        int length = sequences.stream().mapToInt(s -> s.length == 0 ? 0 : s[0].length).max().orElse(0);
        check(sequences, labels);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, sequences.size(), length);
        for (int i = 0; i < sequences.size(); i++) {
            for (int t = 0; t < sequences.get(i)[0].length; t++) {
                mask.putScalar(i, t, 1);
            }
        }
        return new DataSet(values(sequences, length), labels, mask, null);
    }

    private static int check(List<double[][]> sequences, INDArray labels) {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(labels, "labels");
        if (sequences.isEmpty() || labels.rank() != 2 || labels.size(0) != sequences.size()) {
            throw new IllegalArgumentException("labels: need one row per sequence (" + sequences.size() + "), got "
                    + Arrays.toString(labels.shape()) + "; fix: pass labels of shape [sequences, outputs]");
        }
        int features = sequences.get(0).length;
        for (int i = 0; i < sequences.size(); i++) {
            double[][] s = sequences.get(i);
            if (s.length != features || features == 0 || s[0].length == 0) {
                throw new IllegalArgumentException("sequences: sequence " + i + " has " + s.length + " feature(s) of "
                        + (s.length == 0 ? 0 : s[0].length) + " steps, sequence 0 has " + features + "; fix: give "
                        + "every sequence the same features, each with at least one step");
            }
        }
        return sequences.get(0)[0].length;
    }

    private static INDArray values(List<double[][]> sequences, int length) {
        int features = sequences.get(0).length;
        INDArray x = Nd4j.zeros(DataType.FLOAT, sequences.size(), features, length);
        for (int i = 0; i < sequences.size(); i++) {
            double[][] s = sequences.get(i);
            for (int f = 0; f < features; f++) {
                if (s[f].length != s[0].length) {
                    throw new IllegalArgumentException("sequences: sequence " + i + ", feature " + f + " has "
                            + s[f].length + " steps, feature 0 " + s[0].length + "; fix: one value per feature and step");
                }
                for (int t = 0; t < s[f].length; t++) {
                    x.putScalar(new long[]{i, f, t}, s[f][t]);
                }
            }
        }
        return x;
    }
}
