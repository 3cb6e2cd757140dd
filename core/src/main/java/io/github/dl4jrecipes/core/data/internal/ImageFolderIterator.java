package io.github.dl4jrecipes.core.data.internal;

import io.github.dl4jrecipes.core.data.ResumableIterator;
import org.datavec.api.records.reader.RecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;

import java.util.Map;

/**
 * DL4J's {@link RecordReaderDataSetIterator} over image files visited through an
 * {@link EpochShuffledSplit}, with the split's reset count as its {@link ResumableIterator} state.
 */
public final class ImageFolderIterator extends RecordReaderDataSetIterator implements ResumableIterator {

    private static final long serialVersionUID = 1L;

    private final transient EpochShuffledSplit files;

    /** Batches of {@code batchSize} from {@code reader}, which reads {@code files}. */
    public ImageFolderIterator(RecordReader reader, EpochShuffledSplit files, int batchSize, int labelIndex,
                               int classes) {
        super(reader, batchSize, labelIndex, classes);
        this.files = files;
    }

    @Override
    public Map<String, Long> state() {
        return EpochState.of(files.epoch(), files.fileCount());
    }

    @Override
    public void restore(Map<String, Long> state) {
        files.restoreEpoch(EpochState.epoch(state, files.fileCount(), "image folder iterator"));
    }
}
