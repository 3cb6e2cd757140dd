package io.github.dl4jrecipes.core.data;

import java.util.Objects;

/**
 * A stratified split of an image folder set into training and validation files.
 *
 * @param train the images to fit on
 * @param valid the images to validate on
 */
public record ImageFolderSplit(ImageFolderData train, ImageFolderData valid) {

    /** Validates presence. */
    public ImageFolderSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
    }
}
