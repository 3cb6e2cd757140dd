package io.github.dl4jrecipes.core.train.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's one way to write a file so that readers see either the old content or the
 * complete new one, never a half-written file: the content goes to a temporary file in the same
 * folder, is forced to disk, then renamed over the target in one atomic step (and the folder is
 * forced too, so the rename survives a power cut).
 *
 * <p>Temporary files are named {@code .<target>.dl4jr-<pid>-<random>.tmp}. A process killed while
 * writing leaves one behind; every later write into the same folder (and {@link #cleanStale})
 * deletes those whose process is no longer alive, so nothing accumulates. Files of a process
 * still running are never touched, whatever their age.
 *
 * <p>File modes: a new file gets what a plain new file would (the process umask, typically
 * {@code 0644}); a file that is replaced keeps the POSIX permissions it had.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /** Marks every temporary name of ours, followed by the writer's process id. */
    static final String MARK = ".dl4jr-";
    private static final Pattern OURS = Pattern.compile("^\\..+\\.dl4jr-(\\d+)-[0-9a-f]{32}\\.(tmp|staging|old)$");

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
     * @throws IOException when the folder cannot be created or written, or {@code content}
     *                     fails; the target is then left as it was and no temporary file stays
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        cleanStale(dir);
        // createFile, not createTempFile: the file gets the usual permissions (umask), not 0600
        Path temp = Files.createFile(tempName(absolute, "tmp"));
        try {
            content.writeTo(temp);
            keepMode(absolute, temp);
            force(temp);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } catch (IOException | RuntimeException | Error e) {
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

    /**
     * Deletes what writers of this class left in {@code dir} when they were killed: temporary
     * files and staging or replaced folders ({@link AtomicFolder}) whose process is gone. A
     * missing folder is fine.
     */
    public static void cleanStale(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (isStale(file) && !AtomicFolder.isPendingSwap(file)) {
                    LOG.info("Deleting {}, left by a killed writer.", file);
                    deleteTree(file);
                }
            }
        }
    }

    /** A fresh name of ours next to {@code target}: {@code .<name>.dl4jr-<pid>-<random>.<kind>}. */
    static Path tempName(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + MARK + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().replace("-", "") + "." + kind);
    }

    /** The process id in one of our temporary names, if it is one. */
    static Optional<Long> writerPid(Path file) {
        Matcher m = OURS.matcher(file.getFileName().toString());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** Whether {@code file} is one of our temporary names whose writer is no longer running. */
    static boolean isStale(Path file) {
        return writerPid(file).map(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true))
                .orElse(false);
    }

    /** Forces a file's content to disk. */
    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a folder's entries (renames) to disk where the platform allows it. */
    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot force folder {} to disk on this platform ({}).", dir, e.toString());
        }
    }

    /** Deletes a file or a folder with everything in it; a missing path is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException e) {
                    // deleted meanwhile by another cleaner
                }
            }
        }
    }

    private static void keepMode(Path target, Path temp) throws IOException {
        PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (old == null || !Files.exists(target)) {
            return;
        }
        try {
            Set<PosixFilePermission> mode = old.readAttributes().permissions();
            Files.setPosixFilePermissions(temp, mode);
        } catch (FileSystemException e) {
            LOG.debug("Cannot copy the mode of {} ({}).", target, e.toString());
        }
    }
}
