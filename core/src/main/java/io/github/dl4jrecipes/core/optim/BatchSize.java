package io.github.dl4jrecipes.core.optim;

import io.github.dl4jrecipes.core.hardware.Hardware;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Batch-size rules of thumb and a memory probe.
 * <ul>
 *   <li>Fewer than {@link #FULL_BATCH_BELOW} examples: use the whole set as one batch (Ng's
 *       "Improving deep neural networks" course: below ~2,000 examples, batch gradient descent).</li>
 *   <li>Otherwise a power of two (aligns with memory pages and SIMD/GPU warps), by default between
 *       {@link #MIN_DEFAULT} and {@link #MAX_DEFAULT}; larger only with a learning-rate warm-up
 *       (Goyal et al., 2017: large batches need the linear-scaling rule plus warm-up).</li>
 *   <li>{@link #largestFitting} finds the largest power of two whose training memory, as DL4J's
 *       memory report estimates it, fits a budget: meaningful on a GPU; on the CPU the budget is
 *       the off-heap limit.</li>
 * </ul>
 *
 * <pre>{@code
 * int batch = BatchSize.forExamples(trainSize);                   // whole set or 32
 * BatchSize.check(256, trainSize, false);                          // throws if not a sane choice
 * int max = BatchSize.largestFitting(conf, InputType.feedForward(20), BatchSize.memoryBudget());
 * }</pre>
 */
public final class BatchSize {

    /** Below 2,000 examples the whole set is one batch (Andrew Ng, deeplearning.ai course 2). */
    public static final int FULL_BATCH_BELOW = 2_000;
    /** Default batch size for larger sets: 32 (Bengio, 2012, "Practical recommendations", §3.1; Masters &amp; Luschi, 2018). */
    public static final int DEFAULT = 32;
    /** Smallest batch in the default range: 32. */
    public static final int MIN_DEFAULT = 32;
    /** Largest batch without warm-up: 512 (Goyal et al., 2017 needed warm-up above this range). */
    public static final int MAX_DEFAULT = 512;
    /** Fraction of the memory budget the probe may plan for; the rest covers workspaces and fragmentation. */
    public static final double MEMORY_HEADROOM = 0.8;
    /** The probe stops doubling here. */
    public static final int PROBE_LIMIT = 1 << 16;

    private BatchSize() {
    }

    /**
     * @param nExamples training set size, ≥ 1
     * @return {@code nExamples} below {@link #FULL_BATCH_BELOW}, else {@link #DEFAULT}
     */
    public static int forExamples(long nExamples) {
        if (nExamples < 1) {
            throw new IllegalArgumentException("nExamples must be >= 1, got " + nExamples + "; the training set is empty");
        }
        return nExamples < FULL_BATCH_BELOW ? (int) nExamples : DEFAULT;
    }

    /**
     * Checks a chosen batch size against the rules.
     *
     * @param batchSize  the batch size
     * @param nExamples  training set size
     * @param hasWarmup  whether the learning rate warms up (e.g. {@code Cosine.withWarmup}, {@code OneCycle})
     * @return {@code batchSize}
     * @throws IllegalArgumentException naming the rule that is broken and the fix
     */
    public static int check(int batchSize, long nExamples, boolean hasWarmup) {
        forExamples(nExamples);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize + "; use BatchSize.forExamples(n)");
        }
        if (batchSize > nExamples) {
            throw new IllegalArgumentException("batchSize " + batchSize + " exceeds the " + nExamples
                    + " training examples; use " + nExamples + " (the whole set)");
        }
        if (nExamples < FULL_BATCH_BELOW) {
            return batchSize;
        }
        if (Integer.bitCount(batchSize) != 1) {
            throw new IllegalArgumentException("batchSize must be a power of two for " + nExamples + " examples, got "
                    + batchSize + "; use " + Integer.highestOneBit(batchSize) + " or " + (Integer.highestOneBit(batchSize) << 1));
        }
        if (batchSize > MAX_DEFAULT && !hasWarmup) {
            throw new IllegalArgumentException("batchSize " + batchSize + " is above " + MAX_DEFAULT
                    + " without a learning-rate warm-up; add one (Cosine.withWarmup or OneCycle) or use <= " + MAX_DEFAULT);
        }
        return batchSize;
    }

    /**
     * The largest power of two whose estimated training memory fits {@code budgetBytes × }
     * {@link #MEMORY_HEADROOM}.
     *
     * @param conf        the network
     * @param inputType   its input
     * @param budgetBytes memory available, e.g. {@link #memoryBudget()}
     * @return a power of two, at most {@link #PROBE_LIMIT}
     */
    public static int largestFitting(MultiLayerConfiguration conf, InputType inputType, long budgetBytes) {
        return largestFitting(conf.getMemoryReport(inputType), conf.getDataType(), budgetBytes);
    }

    /** As {@link #largestFitting(MultiLayerConfiguration, InputType, long)} for a graph. */
    public static int largestFitting(ComputationGraphConfiguration conf, long budgetBytes, InputType... inputTypes) {
        return largestFitting(conf.getMemoryReport(inputTypes), conf.getDataType(), budgetBytes);
    }

    static int largestFitting(MemoryReport report, DataType dataType, long budgetBytes) {
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("budgetBytes must be >= 1, got " + budgetBytes + "; use BatchSize.memoryBudget()");
        }
        double usable = budgetBytes * MEMORY_HEADROOM;
        long one = trainingBytes(report, dataType, 1);
        if (one > usable) {
            throw new IllegalStateException("even a batch of 1 needs ~" + one + " bytes, more than "
                    + MEMORY_HEADROOM + " × budgetBytes " + budgetBytes + "; shrink the network or raise the memory limit "
                    + "(-Dorg.bytedeco.javacpp.maxbytes on CPU)");
        }
        int best = 1;
        while (best < PROBE_LIMIT && trainingBytes(report, dataType, best * 2) <= usable) {
            best *= 2;
        }
        return best;
    }

    static long trainingBytes(MemoryReport report, DataType dataType, int batchSize) {
        return report.getTotalMemoryBytes(batchSize, MemoryUseMode.TRAINING, CacheMode.NONE, dataType);
    }

    /**
     * The memory a batch may use: free memory of the first GPU on CUDA; on the CPU the smaller of
     * the off-heap limit and free RAM.
     *
     * @return bytes
     */
    public static long memoryBudget() {
        Hardware hw = Hardware.report();
        Hardware.Device device = hw.devices().get(0);
        return hw.backend() == Hardware.Backend.CUDA ? device.freeBytes()
                : Math.min(hw.maxOffHeapBytes(), device.freeBytes());
    }
}
