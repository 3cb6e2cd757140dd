package io.github.dl4jrecipes.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.transform.ImageTransform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A labelled image set stored one folder per class ({@code root/<class>/<image>}), read with
 * DataVec's {@code ImageRecordReader} and {@code ParentPathLabelGenerator}: every image is
 * resized to a fixed height, width and channel count, pixels are scaled to a range, and an
 * optional DataVec {@link ImageTransform} (augmentation) runs as images load. Immutable; change
 * settings through the {@code withX} copies, then {@link #load()}.
 *
 * <pre>{@code
 * ImageFolderData data = ImageFolders.from(Path.of("flowers")).withSize(64, 64).withChannels(3).load();
 * ImageFolderSplit split = data.split(0.8, 42);                 // stratified train / valid
 * DataSetIterator train = split.train().iterator(32, 42);        // reshuffled every epoch
 * }</pre>
 *
 * <p>{@link #load()} lists the folders and decodes each image once to check it can be read, so
 * that a broken file (a truncated PNG, an empty JPG, text named {@code .png}) is found before
 * training, not in the middle of an epoch: by default ({@link UnreadableImages#STRICT}) the load
 * fails naming every such file; with {@link UnreadableImages#SKIP} each is left out with a
 * warning, a count follows, and {@link ImageFolderData#skipped()} lists them. Images directly in
 * the root folder have no class and are left out with a warning.
 */
public final class ImageFolders {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolders.class);

    /** Default height and width: 64 pixels, small enough to train on a CPU. */
    public static final int DEFAULT_SIZE = 64;
    /** Default channels: 3 (RGB). */
    public static final int DEFAULT_CHANNELS = 3;
    /** Channels of a grey image. */
    public static final int GREY_CHANNELS = 1;
    /** Default pixel range after scaling: [0, 1], as the rest of the library expects. */
    public static final double DEFAULT_MIN_PIXEL = 0.0;
    /** Upper end of the default pixel range. */
    public static final double DEFAULT_MAX_PIXEL = 1.0;
    /** A classifier needs at least two classes. */
    private static final int MIN_CLASSES = 2;
    /** Depth of a file under {@code root/<class>/}. */
    private static final int CLASS_DEPTH = 2;
    /** Unreadable files named in the error; the rest are counted (a broken download can hold thousands). */
    private static final int NAMED_IN_ERRORS = 5;

    private final Path root;
    private final int height;
    private final int width;
    private final int channels;
    private final double minPixel;
    private final double maxPixel;
    private final ImageTransform transform;
    private final UnreadableImages policy;

    private ImageFolders(Path root, int height, int width, int channels, double minPixel, double maxPixel,
            ImageTransform transform, UnreadableImages policy) {
        this.root = Objects.requireNonNull(root, "root");
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("size: height and width must be at least 1, got " + height + "×" + width
                    + "; fix: e.g. withSize(64, 64)");
        }
        if (channels != GREY_CHANNELS && channels != DEFAULT_CHANNELS) {
            throw new IllegalArgumentException("channels: must be 1 (grey) or 3 (colour), got " + channels);
        }
        if (!(minPixel < maxPixel)) {
            throw new IllegalArgumentException("pixel range: min must be below max, got [" + minPixel + ", " + maxPixel
                    + "]; fix: e.g. withPixelRange(0, 1)");
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.minPixel = minPixel;
        this.maxPixel = maxPixel;
        this.transform = transform;
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Images under {@code root/<class>/}, with the defaults (64×64 RGB in [0, 1], unreadable images fail). */
    public static ImageFolders from(Path root) {
        return new ImageFolders(root, DEFAULT_SIZE, DEFAULT_SIZE, DEFAULT_CHANNELS, DEFAULT_MIN_PIXEL,
                DEFAULT_MAX_PIXEL, null, UnreadableImages.STRICT);
    }

    /** Resizes every image to {@code height}×{@code width}. */
    public ImageFolders withSize(int imageHeight, int imageWidth) {
        return new ImageFolders(root, imageHeight, imageWidth, channels, minPixel, maxPixel, transform, policy);
    }

    /** 1 (grey) or 3 (colour) channels. */
    public ImageFolders withChannels(int imageChannels) {
        return new ImageFolders(root, height, width, imageChannels, minPixel, maxPixel, transform, policy);
    }

    /** Scales pixels from [0, 255] to [{@code min}, {@code max}]. */
    public ImageFolders withPixelRange(double min, double max) {
        return new ImageFolders(root, height, width, channels, min, max, transform, policy);
    }

    /**
     * Applies a DataVec transform (augmentation) to every image as it loads; {@code null} for none.
     * Its random draws run on across epochs and are not restored by a checkpoint (a resumed
     * {@code Fit} warns); augment in-memory batches with the recipes' {@code Augment.iterator} for
     * exact resumes.
     */
    public ImageFolders withTransform(ImageTransform imageTransform) {
        return new ImageFolders(root, height, width, channels, minPixel, maxPixel, imageTransform, policy);
    }

    /** What to do with an image that cannot be decoded (default {@link UnreadableImages#STRICT}). */
    public ImageFolders withUnreadable(UnreadableImages unreadable) {
        return new ImageFolders(root, height, width, channels, minPixel, maxPixel, transform, unreadable);
    }

    /** Lists and checks the images; returns the set or throws, never half a set. */
    public ImageFolderData load() {
        if (!Files.isDirectory(root)) {
            throw new DataLoadException("image folder " + root + " does not exist or is not a folder; fix: pass the "
                    + "folder that holds one sub-folder per class");
        }
        Set<String> formats = Arrays.stream(NativeImageLoader.ALLOWED_FORMATS)
                .map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(p -> formats.contains(extension(p))).sorted()
                    .forEach(candidates::add);
        } catch (IOException e) {
            throw new DataLoadException("image folder " + root + " cannot be listed (" + e + "); fix: check that it is "
                    + "readable", e);
        }
        NativeImageLoader loader = new NativeImageLoader(height, width, channels);
        ParentPathLabelGenerator labeler = new ParentPathLabelGenerator();
        List<Path> images = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : candidates) {
            if (root.relativize(file).getNameCount() < CLASS_DEPTH) {
                LOG.warn("{} is not inside a class folder and is left out; move it into {}/<class>/", file, root);
                continue;
            }
            String problem = unreadable(loader, file);
            if (problem == null) {
                images.add(file);
            } else {
                if (policy == UnreadableImages.SKIP) {
                    LOG.warn("Skipping unreadable image {} ({})", file, problem);
                }
                skipped.add(file);
                problems.add(file + " (" + problem + ")");
            }
        }
        if (policy == UnreadableImages.STRICT && !skipped.isEmpty()) {
            throw new DataLoadException("image folder " + root + ": " + skipped.size() + " image(s) cannot be read: "
                    + named(problems) + "; fix: delete or replace them, or load with "
                    + "withUnreadable(UnreadableImages.SKIP) to leave them out");
        }
        if (images.isEmpty()) {
            throw new DataLoadException("image folder " + root + " holds no readable images"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " unreadable)") + "; expected " + root
                    + "/<class>/<image> with formats " + new TreeSet<>(formats) + "; fix: put one sub-folder of images "
                    + "per class in it");
        }
        TreeSet<String> classes = new TreeSet<>();
        images.forEach(p -> classes.add(labeler.getLabelForPath(p.toString()).toString()));
        if (classes.size() < MIN_CLASSES) {
            throw new DataLoadException("image folder " + root + " holds one class only ('" + classes.first()
                    + "'); a classifier needs at least " + MIN_CLASSES + "; fix: add one sub-folder per class");
        }
        if (!skipped.isEmpty()) {
            LOG.warn("{}: skipped {} unreadable image(s) of {}", root, skipped.size(), candidates.size());
        }
        LOG.info("{}: {} images in {} classes {}", root, images.size(), classes.size(), classes);
        return new ImageFolderData(this, images, List.copyOf(classes), skipped);
    }

    /** The first {@value #NAMED_IN_ERRORS} items, then how many more. */
    private static String named(List<String> items) {
        String first = String.join(", ", items.subList(0, Math.min(NAMED_IN_ERRORS, items.size())));
        return items.size() > NAMED_IN_ERRORS ? first + " and " + (items.size() - NAMED_IN_ERRORS) + " more" : first;
    }

    /** Why {@code file} cannot be decoded, or {@code null} if it can. */
    private static String unreadable(NativeImageLoader loader, Path file) {
        try {
            return loader.asMatrix(file.toFile()) == null ? "the decoder returned nothing" : null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The folder that holds one sub-folder per class. */
    public Path root() {
        return root;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    int channels() {
        return channels;
    }

    double minPixel() {
        return minPixel;
    }

    double maxPixel() {
        return maxPixel;
    }

    ImageTransform transform() {
        return transform;
    }
}
