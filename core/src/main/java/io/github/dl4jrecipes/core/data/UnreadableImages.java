package io.github.dl4jrecipes.core.data;

/** What {@link ImageFolders} does with an image file that cannot be decoded. */
public enum UnreadableImages {
    /** Leave it out, log a warning naming it, and count it ({@link ImageFolderData#skipped()}). */
    SKIP,
    /** Fail the whole load with an error naming the file. */
    STRICT
}
