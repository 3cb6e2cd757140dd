package io.github.dl4jrecipes.core.data;

/**
 * What {@link ImageFolders} does with an image file that cannot be decoded (truncated, empty, or
 * not an image at all).
 */
public enum UnreadableImages {
    /** Leave it out, log a warning naming it, and count it ({@link ImageFolderData#skipped()}). */
    SKIP,
    /** Fail the whole load with an error naming every such file (the default: bad input fails). */
    STRICT
}
