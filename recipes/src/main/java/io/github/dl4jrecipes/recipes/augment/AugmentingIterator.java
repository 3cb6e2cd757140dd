package io.github.dl4jrecipes.recipes.augment;

import io.github.dl4jrecipes.core.data.ResumableIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DataSetIterator} whose batches come from another one and are augmented on the way. Built
 * by {@link Augment#iterator}. It supports async iteration, so {@code Fit} and DL4J's
 * {@code fit(iterator)} run it on a background thread ahead of training.
 *
 * <p>Each {@link #reset()} starts an epoch whose augmentation draws are seeded with the seed and
 * the reset count, and the count (with the wrapped iterator's state, when that one is a
 * {@link ResumableIterator}) is its state: a resumed {@code Fit} replays the same augmented batches.
 */
final class AugmentingIterator implements DataSetIterator, ResumableIterator {
    /** State key of the reset count, next to the wrapped iterator's keys. */
    static final String AUGMENT_EPOCH = "augmentEpoch";
    private static final long serialVersionUID = 1L;

    private final DataSetIterator base;
    private final BatchAugmenter augmenter;
    private int epoch;

    AugmentingIterator(DataSetIterator base, BatchAugmenter augmenter) {
        this.base = base;
        this.augmenter = augmenter;
    }

    /** The reset count under {@value #AUGMENT_EPOCH}, plus the wrapped iterator's state if it has one. */
    @Override
    public Map<String, Long> state() {
        Map<String, Long> state = new HashMap<>(base instanceof ResumableIterator r ? r.state() : Map.of());
        state.put(AUGMENT_EPOCH, (long) epoch);
        return Map.copyOf(state);
    }

    @Override
    public void restore(Map<String, Long> state) {
        Long count = state == null ? null : state.get(AUGMENT_EPOCH);
        if (count == null || count < 0 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("state: the augmenting iterator needs " + AUGMENT_EPOCH
                    + " between 0 and " + Integer.MAX_VALUE + ", got " + state
                    + "; fix: restore what state() of an augmenting iterator reported");
        }
        Map<String, Long> rest = new HashMap<>(state);
        rest.remove(AUGMENT_EPOCH);
        if (base instanceof ResumableIterator resumable) {
            resumable.restore(rest);
        } else if (!rest.isEmpty()) {
            throw new IllegalArgumentException("state: " + rest.keySet() + " belong to a wrapped iterator that "
                    + "can be restored, but this one wraps a " + base.getClass().getSimpleName()
                    + "; fix: wrap the same kind of iterator as when the state was saved");
        }
        epoch = count.intValue();
        augmenter.startEpoch(epoch);
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
        epoch++;
        augmenter.startEpoch(epoch);
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
