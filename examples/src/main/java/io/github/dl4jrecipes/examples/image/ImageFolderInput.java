package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.data.ImageFolderData;
import io.github.dl4jrecipes.core.data.ImageFolderSplit;
import io.github.dl4jrecipes.core.data.ImageFolders;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * A folder of class subfolders to train on, read at one size and channel count and split into
 * train and hold-out parts (a picocli mixin shared by {@code train image} and {@code lr-find image}).
 */
public final class ImageFolderInput {

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "folder with one subfolder of images per class")
    public Path dir;

    @Option(names = "--size", defaultValue = "64", description = "resize images to SIZE×SIZE (default: ${DEFAULT-VALUE})")
    public int size;

    @Option(names = "--channels", defaultValue = "3", description = "1 (grey) or 3 (colour) (default: ${DEFAULT-VALUE})")
    public int channels;

    @Option(names = "--valid-fraction", defaultValue = "0.2",
            description = "fraction held out to validate and test, the usual 80/20 split (default: ${DEFAULT-VALUE})")
    public double validFraction;

    @Mixin
    public UnreadableImagesOption unreadable = new UnreadableImagesOption();

    /** Lists the folder's images and classes; unreadable images fail unless {@code --skip-unreadable}. */
    public ImageFolderData load() {
        return unreadable.load(ImageFolders.from(dir).withSize(size, size).withChannels(channels), "--dir");
    }

    /** The stratified train / hold-out split of {@code data}. */
    public ImageFolderSplit split(ImageFolderData data, long seed) {
        return data.split(1 - validFraction, seed);
    }

    /** How these images are read, for the model folder. */
    public ImageModelFolder.Images images(ImageFolderData data) {
        return new ImageModelFolder.Images(size, size, channels, ImageFolders.DEFAULT_MIN_PIXEL,
                ImageFolders.DEFAULT_MAX_PIXEL, data.classes());
    }
}
