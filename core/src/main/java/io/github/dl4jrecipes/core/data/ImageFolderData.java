package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.EpochShuffledSplit;
import io.github.dl4jrecipes.core.data.internal.ImageFolderIterator;
import io.github.dl4jrecipes.core.data.internal.SplitPlan;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.image.recordreader.ImageRecordReader;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * The checked image files of an {@link ImageFolders} set, their classes, and the files that were
 * skipped as unreadable. Hands out standard DL4J iterators that stream (and transform) the images
 * from disk each epoch.
 */
public final class ImageFolderData {

    /** Column of the label in a DataVec image record: after the image. */
    private static final int LABEL_INDEX = 1;

    private final ImageFolders settings;
    private final List<Path> images;
    private final List<String> classes;
    private final List<Path> skipped;

    ImageFolderData(ImageFolders settings, List<Path> images, List<String> classes, List<Path> skipped) {
        this.settings = settings;
        this.images = List.copyOf(images);
        this.classes = List.copyOf(classes);
        this.skipped = List.copyOf(skipped);
    }

    /** The readable image files, sorted by path. */
    public List<Path> images() {
        return images;
    }

    /** The class names (folder names), sorted; label index {@code i} is {@code classes().get(i)}. */
    public List<String> classes() {
        return classes;
    }

    /** The image files left out because they could not be decoded. */
    public List<Path> skipped() {
        return skipped;
    }

    /** Number of readable images. */
    public int size() {
        return images.size();
    }

    /** The class index of each image, in {@link #images()} order. */
    public int[] classIndices() {
        ParentPathLabelGenerator labeler = new ParentPathLabelGenerator();
        return images.stream().mapToInt(p -> classes.indexOf(labeler.getLabelForPath(p.toString()).toString()))
                .toArray();
    }

    /**
     * Batches in file order every epoch (for validation and test). The iterators are
     * {@link ResumableIterator}s: a resumed {@code Fit} replays the same orders.
     */
    public DataSetIterator iterator(int batchSize) {
        return iterator(batchSize, false, 0L);
    }

    /** Batches in a new seeded random order every epoch (for training). */
    public DataSetIterator iterator(int batchSize, long seed) {
        return iterator(batchSize, true, seed);
    }

    private DataSetIterator iterator(int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be at least 1, got " + batchSize
                    + "; fix: pass a positive batch size such as 32");
        }
        List<URI> uris = images.stream().map(Path::toUri).toList();
        ImageRecordReader reader = new ImageRecordReader(settings.height(), settings.width(), settings.channels(),
                new ParentPathLabelGenerator(), settings.transform());
        EpochShuffledSplit files = new EpochShuffledSplit(uris, shuffle, seed);
        try {
            reader.initialize(files);
        } catch (IOException e) {
            throw new DataLoadException("image folder " + settings.root() + " cannot be opened (" + e + ")", e);
        }
        reader.setLabels(new ArrayList<>(classes));
        ImageFolderIterator iterator = new ImageFolderIterator(reader, files, settings.transform() != null, batchSize,
                LABEL_INDEX, classes.size());
        iterator.setPreProcessor(new ImagePreProcessingScaler(settings.minPixel(), settings.maxPixel()));
        iterator.setCollectMetaData(false);
        return iterator;
    }

    /** Every image in one {@link DataSet} (transform applied once); for small sets and tests. */
    public DataSet toDataSet() {
        DataSet all = iterator(size()).next();
        all.setLabelNames(new ArrayList<>(classes));
        return all;
    }

    /**
     * A stratified two-way split of the files, each class divided in the proportion
     * {@code trainFraction}.
     */
    public ImageFolderSplit split(double trainFraction, long seed) {
        Splits.checkFractions(trainFraction, 1.0 - trainFraction);
        int[][] parts = SplitPlan.split(size(), classIndices(), trainFraction, 1.0 - trainFraction, seed);
        Splits.checkNotEmpty(parts[SplitPlan.TRAIN], "train", trainFraction, size());
        Splits.checkNotEmpty(parts[SplitPlan.VALID], "valid", 1.0 - trainFraction, size());
        return new ImageFolderSplit(subset(parts[SplitPlan.TRAIN]), subset(parts[SplitPlan.VALID]));
    }

    private ImageFolderData subset(int[] indices) {
        List<Path> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            picked.add(images.get(i));
        }
        return new ImageFolderData(settings, picked, classes, List.of());
    }
}
