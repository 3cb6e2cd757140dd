package io.github.dl4jrecipes.core.data.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers examples (rows along dimension 0) of arrays of any rank by index, with one native
 * {@code pullRows} per array instead of a {@code DataSet.asList()}/merge round trip.
 */
public final class Rows {

    /** The dimension along which {@code pullRows} takes the rows of a 2-d view. */
    private static final int ROW_DIMENSION = 1;

    private Rows() {
    }

    /**
     * Rows {@code indices} of {@code source} (rank ≥ 1) as a new C-ordered array of shape
     * {@code [indices.length, source.shape()[1..]]}; {@code null} stays {@code null}.
     */
    public static INDArray gather(INDArray source, int[] indices) {
        if (source == null) {
            return null;
        }
        long[] shape = source.shape();
        long rowLength = source.length() / Math.max(1, shape[0]);
        return gatherFlat(asMatrix(source, shape[0], rowLength), shape, indices);
    }

    /**
     * Rows {@code indices} of {@code flat}, the 2-d C-ordered view of an array of shape
     * {@code shape}, reshaped back to that rank; lets callers flatten once and gather many times.
     */
    public static INDArray gatherFlat(INDArray flat, long[] shape, int[] indices) {
        if (flat == null) {
            return null;
        }
        INDArray picked = Nd4j.pullRows(flat, ROW_DIMENSION, indices, 'c');
        if (shape.length == 2) {
            return picked;
        }
        long[] outShape = shape.clone();
        outShape[0] = indices.length;
        return picked.reshape('c', outShape);
    }

    /** A C-ordered 2-d {@code [rows, rowLength]} view (or copy, if the layout needs one). */
    public static INDArray asMatrix(INDArray source, long rows, long rowLength) {
        INDArray contiguous = contiguous(source);
        return contiguous.rank() == 2 ? contiguous : contiguous.reshape('c', rows, rowLength);
    }

    /** {@code source} itself when it owns a C-ordered buffer, else a C-ordered copy; {@code null} stays. */
    public static INDArray contiguous(INDArray source) {
        if (source == null) {
            return null;
        }
        return source.ordering() == 'c' && !source.isView() ? source : source.dup('c');
    }

    /** The examples {@code indices} of {@code data}: features, labels and both masks. */
    public static DataSet gather(DataSet data, int[] indices) {
        DataSet out = new DataSet(gather(data.getFeatures(), indices), gather(data.getLabels(), indices),
                gather(data.getFeaturesMaskArray(), indices), gather(data.getLabelsMaskArray(), indices));
        if (data.getLabelNamesList() != null) {
            out.setLabelNames(data.getLabelNamesList());
        }
        return out;
    }

    /** {@code 0, 1, …, n-1}. */
    public static int[] range(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }
}
