package io.github.dl4jrecipes.core.train.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder that changes as one unit: a process killed at any instant while replacing it leaves
 * either the old complete folder or the new complete one, and every file is checked against a
 * manifest of SHA-256 sums when the folder is read.
 *
 * <p>How: {@link #write} builds the whole new folder in a hidden sibling
 * ({@code .<name>.dl4jr-<pid>-<random>.staging}), writes {@value #MANIFEST} (every file with its
 * SHA-256) last, forces it all to disk, then swaps with two renames: the old folder to
 * {@code .<name>...old}, the staging folder to {@code <name>}; then deletes the old one. A crash
 * between the two renames leaves no {@code <name>} but a complete staging folder next to its
 * {@code .old} twin: {@link #read} and the next {@link #write} recognise that pair and finish the
 * swap (roll forward). Leftovers of killed writers are deleted by the next write into the parent.
 *
 * <p>A folder is ours when it has a manifest and nothing the manifest does not list. Writing over
 * a folder that is not ours (a user's folder with other files) is refused before anything is
 * written, and so is replacing a folder of ours into which someone put other files: nothing of
 * the user's is ever deleted. An existing empty folder may be written into.
 *
 * <p>One process writes a given folder at a time; a reader that comes in the microseconds
 * between a live writer's two renames is told to retry.
 */
public final class AtomicFolder {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFolder.class);

    /** The manifest file inside every folder written here. */
    public static final String MANIFEST = "manifest.json";
    /** What {@link Manifest#format()} says in our manifests. */
    static final String FORMAT = "dl4j-recipes folder";
    /** The manifest layout version. */
    static final int VERSION = 1;
    private static final String STAGING = "staging";
    private static final String OLD = "old";

    /** Writes the files of a new folder. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes every file of the folder into {@code staging}.
         *
         * @param staging an empty folder next to the target
         * @throws IOException when writing fails; the staging folder is then deleted
         */
        void writeTo(Path staging) throws IOException;
    }

    /**
     * The manifest: what the folder holds.
     *
     * @param format  always {@value #FORMAT}
     * @param version the layout version, {@value #VERSION}
     * @param files   SHA-256 of every file, by path relative to the folder ('/'-separated)
     */
    public record Manifest(String format, int version, Map<String, String> files) {

        /** Copies the files, sorted. */
        public Manifest {
            files = files == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(files));
        }
    }

    private AtomicFolder() {
    }

    /**
     * Replaces (or creates) {@code dir} with what {@code content} writes, as one unit.
     *
     * @throws IllegalArgumentException when {@code dir} exists and is a file, or a folder that
     *                                  holds files this class did not write; nothing is written
     * @throws IOException              when writing fails; {@code dir} is then left as it was
     */
    public static void write(Path dir, Content content) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        recover(target);
        AtomicFiles.cleanStale(parent);
        checkReplaceable(target);
        Path staging = AtomicFiles.tempName(target, STAGING);
        Files.createDirectory(staging);
        try {
            content.writeTo(staging);
            Manifest manifest = new Manifest(FORMAT, VERSION, sums(staging));
            AtomicFiles.writeString(staging.resolve(MANIFEST), Json.MAPPER.writeValueAsString(manifest));
            for (String file : manifest.files().keySet()) {
                AtomicFiles.force(staging.resolve(file));
            }
            AtomicFiles.forceDirectory(staging);
        } catch (IOException | RuntimeException | Error e) {
            AtomicFiles.deleteTree(staging);
            throw e;
        }
        if (Files.exists(target)) {
            Path old = twin(staging, OLD);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.forceDirectory(parent);
            AtomicFiles.deleteTree(old);
        } else {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.forceDirectory(parent);
        }
    }

    /**
     * Opens a folder written by {@link #write} for reading: finishes a swap a killed writer left
     * half done, then checks every file against the manifest.
     *
     * @return the manifest, or empty when the folder has none (written before manifests existed:
     *         its files cannot be checked)
     * @throws NoSuchFileException when there is no such folder (and no swap to finish)
     * @throws IllegalArgumentException          naming the file when one is missing, damaged or
     *                                           not listed, or the manifest is not ours
     */
    public static Optional<Manifest> read(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        recover(target);
        if (!Files.isDirectory(target)) {
            throw new NoSuchFileException(target.toString(), null, "no such folder");
        }
        Path file = target.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Manifest manifest = manifest(file);
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            Path f = target.resolve(e.getKey()).normalize();
            if (!f.startsWith(target) || !Files.isRegularFile(f)) {
                throw new IllegalArgumentException(f + " is missing (listed in " + file + "); fix: the folder "
                        + "was changed by hand or damaged: write it again, or restore it from a backup.");
            }
            String actual = Sha256.of(f);
            if (!actual.equals(e.getValue())) {
                throw new IllegalArgumentException(f + " is damaged (SHA-256 " + actual + ", but " + file
                        + " says " + e.getValue() + "); fix: write the folder again, or restore it from a backup.");
            }
        }
        return Optional.of(manifest);
    }

    /** Whether {@code file} is half of a swap that {@link #recover} must finish, not garbage. */
    static boolean isPendingSwap(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith("." + STAGING)) {
            return Files.exists(twin(file, OLD));
        }
        return name.endsWith("." + OLD) && !Files.exists(target(file));
    }

    private static void recover(Path target) throws IOException {
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + target.getFileName() + AtomicFiles.MARK;
        List<Path> olds = new ArrayList<>();
        try (Stream<Path> files = Files.list(parent)) {
            files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith("." + OLD)
                    && AtomicFiles.writerPid(f).isPresent()).forEach(olds::add);
        }
        for (Path old : olds) {
            if (!AtomicFiles.isStale(old)) {
                if (!Files.exists(target)) {
                    throw new IllegalStateException(target + " is being replaced right now by process "
                            + AtomicFiles.writerPid(old).orElseThrow() + "; fix: retry in a moment.");
                }
                continue;
            }
            Path staging = twin(old, STAGING);
            if (!Files.exists(target)) {
                Path complete = Files.isDirectory(staging) ? staging : old;
                LOG.warn("{} was left half replaced by a killed writer; restoring the {} folder.", target,
                        complete == staging ? "new" : "old");
                Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE);
                AtomicFiles.forceDirectory(parent);
            }
            AtomicFiles.deleteTree(old);
        }
    }

    /**
     * Checks that {@link #write} may replace {@code dir}: it does not exist, is an empty folder, or
     * a folder written here holding nothing else. Call it before long work that ends in a write.
     *
     * @throws IllegalArgumentException naming the folder, what is in the way and the fix
     */
    public static void checkReplaceable(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " is a file, not a folder; fix: choose a folder path "
                    + "(new, empty, or one written by dl4j-recipes).");
        }
        Map<String, String> present = relativeFiles(target);
        if (present.isEmpty()) {
            return;
        }
        Path file = target.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(target + " already holds files (" + sample(present.keySet())
                    + ") and no " + MANIFEST + ", so this version of dl4j-recipes did not write it; refusing to "
                    + "replace it. Fix: choose a new or empty folder, or move those files away (a model folder of an "
                    + "earlier version: delete it once you no longer need it).");
        }
        Manifest manifest = manifest(file);
        List<String> foreign = new ArrayList<>();
        for (String name : present.keySet()) {
            if (!name.equals(MANIFEST) && !manifest.files().containsKey(name)) {
                foreign.add(name);
            }
        }
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException(target + " holds files that are not part of it ("
                    + sample(foreign) + "); refusing to replace it, which would delete them. Fix: move them out, "
                    + "or choose another folder.");
        }
    }

    private static Manifest manifest(Path file) throws IOException {
        Manifest manifest;
        try {
            manifest = Json.MAPPER.readValue(Files.readString(file), Manifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a dl4j-recipes manifest (" + e.getMessage()
                    .lines().findFirst().orElse("") + "); fix: pass a folder written by dl4j-recipes.", e);
        }
        if (!FORMAT.equals(manifest.format()) || manifest.version() != VERSION) {
            throw new IllegalArgumentException(file + " is not a dl4j-recipes manifest (format '" + manifest.format()
                    + "' version " + manifest.version() + ", expected '" + FORMAT + "' version " + VERSION
                    + "); fix: pass a folder written by dl4j-recipes.");
        }
        return manifest;
    }

    private static Map<String, String> sums(Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String name : relativeFiles(dir).keySet()) {
            if (!name.equals(MANIFEST)) {
                sums.put(name, Sha256.of(dir.resolve(name)));
            }
        }
        return sums;
    }

    /** Every regular file below {@code dir}, by '/'-separated relative path. */
    private static Map<String, String> relativeFiles(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !Files.isDirectory(p)).forEach(p -> files.put(
                    dir.relativize(p).toString().replace(File.separatorChar, '/'), ""));
        }
        return files;
    }

    private static String sample(Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        int shown = Math.min(list.size(), 3);
        return String.join(", ", list.subList(0, shown)) + (list.size() > shown ? " and " + (list.size() - shown)
                + " more" : "");
    }

    /** {@code .<name>.dl4jr-<pid>-<random>.<kind>} with the same name, pid and random part. */
    private static Path twin(Path file, String kind) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.lastIndexOf('.') + 1) + kind);
    }

    /** The folder a staging or old name stands in for. */
    private static Path target(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(1, name.lastIndexOf(AtomicFiles.MARK)));
    }
}
