package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.data.ImageFolderData;
import io.github.dl4jrecipes.core.data.ImageFolders;
import io.github.dl4jrecipes.core.data.UnreadableImages;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * {@code --skip-unreadable} (a picocli mixin of the commands that read an image folder): without
 * it an image that cannot be decoded fails the command before any work, naming it; with it such
 * images are left out, each named in a warning, and the command ends with their count.
 */
public final class UnreadableImagesOption {

    @Option(names = "--skip-unreadable", description = "leave out images that cannot be decoded (each named in a "
            + "warning, counted at the end) instead of failing")
    public boolean skip;

    /** Loads the folder, failing on unreadable images unless {@code --skip-unreadable}. */
    public ImageFolderData load(ImageFolders folders, String dirOption) {
        ImageFolderData data = folders.withUnreadable(UnreadableImages.SKIP).load();
        if (!skip && !data.skipped().isEmpty()) {
            throw new IllegalArgumentException(dirOption + " " + folders.root() + ": " + data.skipped().size()
                    + " image(s) cannot be read (each named in a warning above), e.g. " + data.skipped().get(0)
                    + "; fix: delete or replace them, or pass --skip-unreadable to leave them out");
        }
        return data;
    }

    /** Prints how many images were left out, if any: the last line a user reads. */
    public static void report(ImageFolderData data, PrintWriter out) {
        if (!data.skipped().isEmpty()) {
            out.println("skipped " + data.skipped().size() + " unreadable image(s) (--skip-unreadable), e.g. "
                    + data.skipped().get(0));
            out.flush();
        }
    }
}
