package io.github.dl4jrecipes.core.train.internal;

import io.github.dl4jrecipes.core.train.Net;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of checkpoints: {@code epoch-0003.zip} + {@code epoch-0003.json} per saved epoch and
 * {@code best.zip} + {@code best.json} for the best one. Each file is written atomically, the
 * JSON last, so a process killed at any point leaves only complete checkpoints (plus at most an
 * unreferenced zip). Reading checks the zip against the SHA-256 in its JSON and falls back to
 * the previous checkpoint, with a warning, when a file is damaged.
 *
 * <p>One process at a time: {@link #open} takes an exclusive lock on {@value #LOCK} in the folder
 * (released by {@link #close()}, or by the operating system when the process dies, so a
 * {@code kill -9} leaves no stale lock) and refuses a folder another run holds. Holding the lock,
 * it deletes the temporary files that a killed writer left behind ({@link AtomicFiles#cleanStale}).
 */
public final class CheckpointStore implements AutoCloseable {

    /** The lock file; it stays in the folder (deleting a lock file races with its next taker). */
    public static final String LOCK = ".lock";

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern EPOCH_JSON = Pattern.compile("epoch-(\\d+)\\.json");
    private static final String BEST = "best";

    private final Path dir;
    private final int keepLast;
    private final FileChannel lockChannel;

    private CheckpointStore(Path dir, int keepLast, FileChannel lockChannel) {
        this.dir = dir;
        this.keepLast = keepLast;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens a checkpoint folder, creating it and its lock file (which proves it can be written), locks it and deletes
     * temporary files left by a killed run.
     *
     * @throws IllegalArgumentException when the folder cannot be created or written
     * @throws IllegalStateException    when another run (in this or another process) has it open
     */
    public static CheckpointStore open(Path dir, int keepLast) {
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("checkpoint directory " + dir + " is not writable ("
                    + e + "); choose a folder this process can create files in.", e);
        }
        try {
            if (!locked(channel)) {
                throw new IllegalStateException("checkpoint directory " + dir + " is in use by another "
                        + "training run (it holds " + dir.resolve(LOCK) + "); wait for that run to finish, "
                        + "or give this one another checkpoint directory.");
            }
            AtomicFiles.cleanStale(dir);
            return new CheckpointStore(dir, keepLast, channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof IllegalStateException refused) {
                throw refused;
            }
            throw new IllegalArgumentException("checkpoint directory " + dir + " cannot be locked or "
                    + "cleaned (" + e + "); choose a folder on a local file system this process can write.", e);
        }
    }

    private static boolean locked(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false;   // held by another run in this JVM
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();   // releases the lock
        } catch (IOException e) {
            LOG.warn("Could not close the checkpoint lock file ({}); the lock goes with this process.", e.toString());
        }
    }

    /** A loaded checkpoint: its state and the network read from its zip. */
    public record Loaded(CheckpointState state, Net net, Path zip) { }

    /** The checkpoint folder. */
    public Path dir() {
        return dir;
    }

    /** Saves the checkpoint of an epoch, then deletes epoch checkpoints beyond the last K. */
    public void save(Net net, Normalizer<?> normalizer, CheckpointState state) throws IOException {
        write(name(state.epoch()), net, normalizer, state);
        List<Integer> epochs = epochsNewestFirst();
        for (int epoch : epochs.subList(Math.min(keepLast, epochs.size()), epochs.size())) {
            Files.deleteIfExists(dir.resolve(name(epoch) + ".json"));
            Files.deleteIfExists(dir.resolve(name(epoch) + ".zip"));
        }
    }

    /** Saves the best checkpoint, replacing the previous best. */
    public void saveBest(Net net, Normalizer<?> normalizer, CheckpointState state) throws IOException {
        write(BEST, net, normalizer, state);
    }

    /**
     * The newest readable epoch checkpoint. Damaged ones are skipped with a warning naming the
     * file and what is wrong.
     */
    public Optional<Loaded> latest() {
        for (int epoch : epochsNewestFirst()) {
            Optional<Loaded> loaded = read(name(epoch));
            if (loaded.isPresent()) {
                return loaded;
            }
        }
        return Optional.empty();
    }

    /** The best checkpoint, if one was saved and is readable. */
    public Optional<Loaded> best() {
        return Files.exists(dir.resolve(BEST + ".json")) ? read(BEST) : Optional.empty();
    }

    private void write(String stem, Net net, Normalizer<?> normalizer, CheckpointState state)
            throws IOException {
        Path zip = dir.resolve(stem + ".zip");
        AtomicFiles.write(zip, temp -> net.save(temp, normalizer));
        AtomicFiles.writeString(dir.resolve(stem + ".json"),
                Json.MAPPER.writeValueAsString(state.withZipSha256(Sha256.of(zip))));
    }

    private Optional<Loaded> read(String stem) {
        Path json = dir.resolve(stem + ".json");
        Path zip = dir.resolve(stem + ".zip");
        try {
            CheckpointState state = Json.MAPPER.readValue(Files.readString(json), CheckpointState.class);
            if (!Files.exists(zip)) {
                LOG.warn("Checkpoint {} has no {}; using the previous checkpoint.", json, zip.getFileName());
                return Optional.empty();
            }
            String actual = Sha256.of(zip);
            if (!actual.equals(state.zipSha256())) {
                LOG.warn("Checkpoint {} is corrupted (SHA-256 {} but {} expected); using the previous "
                        + "checkpoint.", zip, actual, state.zipSha256());
                return Optional.empty();
            }
            return Optional.of(new Loaded(state, Net.restore(state.networkKind(), zip, true), zip));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Checkpoint {} cannot be read ({}); using the previous checkpoint.", json, e.toString());
            return Optional.empty();
        }
    }

    private List<Integer> epochsNewestFirst() {
        List<Integer> epochs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = EPOCH_JSON.matcher(f.getFileName().toString());
                if (m.matches()) {
                    epochs.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint directory " + dir + " cannot be listed ("
                    + e + ").", e);
        }
        epochs.sort((a, b) -> Integer.compare(b, a));
        return epochs;
    }

    private static String name(int epoch) {
        return String.format(Locale.ROOT, "epoch-%04d", epoch);
    }
}
