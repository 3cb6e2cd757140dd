package io.github.dl4jrecipes.core.train.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * half-written file: the content goes to a temporary file in the same folder, is forced to disk,
 * then renamed over the target in one atomic step.
 */
public final class AtomicFiles {

    /** Writes the content of one file to the path it is given. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content to {@code temp}.
         *
         * @param temp an empty file next to the target
         * @throws IOException when writing fails; the temporary file is then deleted
         */
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, creating its folder if needed.
     *
     * @param target  the file to create or replace
     * @param content what to write
     * @throws IOException when the folder cannot be created or written; the target is then left
     *                     as it was
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // createFile, not createTempFile: the file gets the usual permissions (umask), not 0600
        Path temp = Files.createFile(dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Writes a UTF-8 string to {@code target} atomically.
     *
     * @param target the file to create or replace
     * @param text   its new content
     * @throws IOException when the folder cannot be created or written
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, temp -> Files.writeString(temp, text));
    }
}
