package io.github.dl4jrecipes.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The machine's SGEMM peak through ND4J: the ceiling convolution training is compared with. */
final class Gemm {
    /** Large enough to be compute bound, small enough to take well under a second per call. */
    private static final int SIZE = 1024;
    private static final int WARMUP = 3;
    private static final int REPEATS = 10;

    private Gemm() {
    }

    /** Best-of GFLOP/s of a {@value #SIZE}² float matrix product (2n³ flops each). */
    static double peakGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray c = Nd4j.create(DataType.FLOAT, SIZE, SIZE);
        for (int i = 0; i < WARMUP; i++) {
            a.mmuli(b, c);
        }
        double best = 0;
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, 2.0 * SIZE * SIZE * SIZE / seconds / 1e9);
        }
        return best;
    }
}
