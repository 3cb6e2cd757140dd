package io.github.dl4jrecipes.core.data.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads class ids back from label arrays, to stratify splits. */
public final class ClassLabels {

    private ClassLabels() {
    }

    /**
     * The class of each row when {@code labels} are class labels (2-d one-hot rows, or a single
     * 0/1 column for a binary task), else {@code null} (regression or multi-label targets).
     */
    public static int[] classesOf(INDArray labels) {
        if (labels == null || labels.rank() != 2 || labels.size(0) > Integer.MAX_VALUE) {
            return null;
        }
        int rows = (int) labels.size(0);
        int cols = (int) labels.size(1);
        float[] values = Rows.contiguous(labels).castTo(DataType.FLOAT).data().asFloat();
        int[] classes = new int[rows];
        for (int r = 0; r < rows; r++) {
            int hot = -1;
            for (int c = 0; c < cols; c++) {
                float v = values[r * cols + c];
                if (v == 1f && (hot < 0 || cols == 1)) {
                    hot = cols == 1 ? 1 : c;
                } else if (v == 0f && cols == 1) {
                    hot = 0;
                } else if (v != 0f) {
                    return null;
                }
            }
            if (hot < 0) {
                return null;
            }
            classes[r] = hot;
        }
        return classes;
    }
}
