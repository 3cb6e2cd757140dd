package io.github.dl4jrecipes.recipes.augment;

import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;

/**
 * A {@link DataSetIterator} whose batches come from another one and are augmented on the way. Built
 * by {@link Augment#iterator}, wrapped in DL4J's {@link AsyncDataSetIterator} so the work happens on
 * a background thread ahead of training.
 */
final class AugmentingIterator implements DataSetIterator {
    /** Batches prepared ahead: two keep one ready while the next is made. */
    static final int PREFETCH = 2;
    private static final long serialVersionUID = 1L;

    private final DataSetIterator base;
    private final BatchAugmenter augmenter;

    private AugmentingIterator(DataSetIterator base, BatchAugmenter augmenter) {
        this.base = base;
        this.augmenter = augmenter;
    }

    static DataSetIterator async(DataSetIterator base, BatchAugmenter augmenter) {
        return new AsyncDataSetIterator(new AugmentingIterator(base, augmenter), PREFETCH);
    }

    @Override
    public DataSet next(int num) {
        return augmenter.augment(base.next(num));
    }

    @Override
    public DataSet next() {
        return augmenter.augment(base.next());
    }

    @Override
    public boolean hasNext() {
        return base.hasNext();
    }

    @Override
    public int inputColumns() {
        return base.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return base.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return base.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        base.reset();
    }

    @Override
    public int batch() {
        return base.batch();
    }

    /** Augmentation is the pre-processing here; another would run on the augmented batch. */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("set pre-processors on the wrapped iterator; "
                + "augmentation runs after them");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return augmenter;
    }

    @Override
    public List<String> getLabels() {
        return base.getLabels();
    }
}
