package io.github.dl4jrecipes.core.train.internal;

import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern EPOCH_JSON = Pattern.compile("epoch-(\\d+)\\.json");
    private static final String BEST = "best";

    private final Path dir;
    private final int keepLast;

    private CheckpointStore(Path dir, int keepLast) {
        this.dir = dir;
        this.keepLast = keepLast;
    }

    /**
     * Opens a checkpoint folder, creating it, and checks that it can be written.
     *
     * @throws IllegalArgumentException when the folder cannot be created or written
     */
    public static CheckpointStore open(Path dir, int keepLast) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("checkpoint directory " + dir + " is not writable ("
                    + e + "); choose a folder this process can create files in.", e);
        }
        return new CheckpointStore(dir, keepLast);
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
        CheckpointState withHash = new CheckpointState(state.formatVersion(), state.epoch(),
                state.networkKind(), Sha256.of(zip), state.architecture(), state.history(),
                state.dataFingerprint(), state.seed());
        AtomicFiles.writeString(dir.resolve(stem + ".json"), Json.MAPPER.writeValueAsString(withHash));
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
