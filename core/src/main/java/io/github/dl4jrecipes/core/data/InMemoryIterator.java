package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.EpochState;
import io.github.dl4jrecipes.core.data.internal.Rows;
import io.github.dl4jrecipes.core.data.internal.Shuffle;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A fast {@link DataSetIterator} over a {@link DataSet} held in memory.
 *
 * <p>Each batch is cut by index with one native gather per array (features, labels, masks), never
 * through {@code DataSet.asList()} and a merge, which is the slow path of DL4J's
 * {@code ListDataSetIterator}. A shuffled iterator draws a new order for every epoch; the order of
 * epoch {@code k} depends only on the seed and {@code k}, so runs repeat. Every call to
 * {@link #reset()} starts the next epoch; the reset count is its {@link ResumableIterator} state, so
 * a resumed {@code Fit} replays the same orders. A {@link DataSetPreProcessor} runs on each batch,
 * and the iterator can be wrapped in DL4J's {@code AsyncDataSetIterator} (batches are fresh arrays).
 *
 * <pre>{@code
 * DataSetIterator train = InMemoryIterator.shuffled(split.train(), 64, 42);
 * DataSetIterator valid = InMemoryIterator.sequential(split.valid(), 256);
 * }</pre>
 */
public final class InMemoryIterator implements DataSetIterator, ResumableIterator {

    private static final long serialVersionUID = 1L;

    private final Flat features;
    private final Flat labels;
    private final Flat featuresMask;
    private final Flat labelsMask;
    private final List<String> labelNames;
    private final int examples;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private transient DataSetPreProcessor preProcessor;
    private int epoch;
    private int cursor;
    private int[] order;

    private InMemoryIterator(DataSet data, int batchSize, boolean shuffle, long seed) {
        if (data == null || data.getFeatures() == null || data.getLabels() == null) {
            throw new IllegalArgumentException("data: must hold features and labels, got "
                    + (data == null ? "null" : "a DataSet without them") + "; fix: pass a DataSet(features, labels)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be at least 1, got " + batchSize
                    + "; fix: pass a positive batch size such as 32");
        }
        long n = data.getFeatures().size(0);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("data: must hold between 1 and " + Integer.MAX_VALUE
                    + " examples, got " + n + "; fix: pass a non-empty DataSet");
        }
        if (data.getLabels().size(0) != n) {
            throw new IllegalArgumentException("data: features hold " + n + " examples but labels hold "
                    + data.getLabels().size(0) + "; fix: pass labels with one row per example");
        }
        this.features = new Flat(data.getFeatures(), n);
        this.labels = new Flat(data.getLabels(), n);
        this.featuresMask = data.getFeaturesMaskArray() == null ? null : new Flat(data.getFeaturesMaskArray(), n);
        this.labelsMask = data.getLabelsMaskArray() == null ? null : new Flat(data.getLabelsMaskArray(), n);
        // a DataSet without names holds an empty list; DL4J's evaluate(iterator) would then score 0 classes
        List<String> names = data.getLabelNamesList();
        this.labelNames = names == null || names.isEmpty() ? null : List.copyOf(names);
        this.examples = (int) n;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = orderFor(0);
    }

    /** Batches in a new seeded random order every epoch (for training). */
    public static InMemoryIterator shuffled(DataSet data, int batchSize, long seed) {
        return new InMemoryIterator(data, batchSize, true, seed);
    }

    /** Batches in the data's own order every epoch (for validation and test). */
    public static InMemoryIterator sequential(DataSet data, int batchSize) {
        return new InMemoryIterator(data, batchSize, false, 0L);
    }

    private int[] orderFor(int epochIndex) {
        int[] all = Rows.range(examples);
        return shuffle ? Shuffle.permute(all, Shuffle.epochSeed(seed, epochIndex)) : all;
    }

    /** How many examples one epoch yields. */
    public int numExamples() {
        return examples;
    }

    /** The epoch being iterated: 0 at first, plus one per {@link #reset()}. */
    public int epoch() {
        return epoch;
    }

    /** {@code epoch}: the reset count; {@code examples}: {@link #numExamples()}. */
    @Override
    public Map<String, Long> state() {
        return EpochState.of(epoch, examples);
    }

    /** Sets the reset count back; the next {@link #reset()} starts the epoch that followed it. */
    @Override
    public void restore(Map<String, Long> state) {
        epoch = EpochState.epoch(state, examples, "InMemoryIterator");
        cursor = 0;
        order = orderFor(epoch);
    }

    @Override
    public boolean hasNext() {
        return cursor < examples;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is exhausted after " + examples
                    + " examples; fix: call reset() to start the next epoch");
        }
        if (num < 1) {
            throw new IllegalArgumentException("num: must be at least 1, got " + num);
        }
        int end = Math.min(examples, cursor + num);
        int[] indices = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        DataSet batch = new DataSet(features.rows(indices), labels.rows(indices), Flat.rows(featuresMask, indices),
                Flat.rows(labelsMask, indices));
        if (labelNames != null) {
            batch.setLabelNames(labelNames);
        }
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public int inputColumns() {
        return (int) features.rowLength;
    }

    @Override
    public int totalOutcomes() {
        return (int) labels.rowLength;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        epoch++;
        cursor = 0;
        if (shuffle) {
            order = orderFor(epoch);
        }
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The class names of the data, or null when it has none (DL4J's {@code evaluate} then counts the label columns). */
    @Override
    public List<String> getLabels() {
        return labelNames;
    }

    /** An array flattened once to {@code [n, rowLength]}, with its original shape. */
    private static final class Flat implements Serializable {
        private static final long serialVersionUID = 1L;
        private final INDArray matrix;
        private final long[] shape;
        private final long rowLength;

        Flat(INDArray array, long rows) {
            this.shape = array.shape();
            this.rowLength = array.length() / rows;
            this.matrix = Rows.asMatrix(array, rows, rowLength);
        }

        INDArray rows(int[] indices) {
            return Rows.gatherFlat(matrix, shape, indices);
        }

        static INDArray rows(Flat flat, int[] indices) {
            return flat == null ? null : flat.rows(indices);
        }
    }
}
