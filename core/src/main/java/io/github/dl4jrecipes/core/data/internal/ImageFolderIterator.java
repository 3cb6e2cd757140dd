package io.github.dl4jrecipes.core.data.internal;

import io.github.dl4jrecipes.core.data.ResumableIterator;
import org.datavec.api.records.reader.RecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * DL4J's {@link RecordReaderDataSetIterator} over image files visited through an
 * {@link EpochShuffledSplit}, with the split's reset count as its {@link ResumableIterator} state.
 * The draws of a DataVec {@code ImageTransform} the reader applies come from the transform's own
 * generator and are not part of the state: restoring with one logs a warning.
 */
public final class ImageFolderIterator extends RecordReaderDataSetIterator implements ResumableIterator {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderIterator.class);

    private final transient EpochShuffledSplit files;
    private final boolean transformed;

    /**
     * Batches of {@code batchSize} from {@code reader}, which reads {@code files}.
     *
     * @param transformed whether the reader applies a DataVec image transform
     */
    public ImageFolderIterator(RecordReader reader, EpochShuffledSplit files, boolean transformed, int batchSize,
                               int labelIndex, int classes) {
        super(reader, batchSize, labelIndex, classes);
        this.files = files;
        this.transformed = transformed;
    }

    @Override
    public Map<String, Long> state() {
        return EpochState.of(files.epoch(), files.fileCount());
    }

    @Override
    public void restore(Map<String, Long> state) {
        files.restoreEpoch(EpochState.epoch(state, files.fileCount(), "image folder iterator"));
        if (transformed) {
            LOG.warn("The image folder's DataVec transform draws from its own generator, which a checkpoint does "
                    + "not restore: the resumed run sees the same images in the same order but other random "
                    + "transforms. For exact resumes augment with Augment.iterator(..) instead.");
        }
    }
}
