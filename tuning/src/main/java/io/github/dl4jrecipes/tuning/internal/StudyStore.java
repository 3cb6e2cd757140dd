package io.github.dl4jrecipes.tuning.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.Json;
import io.github.dl4jrecipes.tuning.Direction;
import io.github.dl4jrecipes.tuning.TrialRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A study directory: {@code study.json} (the space's fingerprint and the direction),
 * {@code trials/NNNNN.json} (one {@link TrialRecord} per trial) and {@code checkpoints/}. Every
 * file is written to a temporary file and renamed into place, so a reader never sees half a file.
 * Transactions hold a lock on {@code study.lock} ({@link FileChannel#lock()}: between processes)
 * and a per-directory {@link ReentrantLock} (between threads of one process, which file locks do
 * not separate).
 *
 * <p>Why files and not an embedded database: a study is a handful of small records written a few
 * times per epoch; JSON files need no driver, are readable and diffable, and the lock-then-rename
 * protocol gives the same guarantees as a transaction for this write pattern.
 */
public final class StudyStore implements StudyBackend {

    /** Version of the study layout written in study.json. */
    public static final int FORMAT = 1;
    /**
     * The layout of a multi-objective study: format 1 plus the directions and every trial's values;
     * a version that reads format 1 only refuses it instead of running it on the first objective.
     */
    public static final int FORMAT_MULTI_OBJECTIVE = 2;
    private static final Logger LOG = LoggerFactory.getLogger(StudyStore.class);
    private static final Pattern TRIAL_FILE = Pattern.compile("(\\d{5,})\\.json");
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    /** The file that makes a folder a study. */
    static final String INFO = "study.json";
    /** What a study creates before {@value #INFO} exists (another worker may be creating it now). */
    private static final Set<String> OWN_ENTRIES = Set.of("trials", "checkpoints", "study.lock");

    private final Path dir;
    private final ReentrantLock jvmLock;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * What study.json holds.
     *
     * @param format      layout version
     * @param fingerprint the space's fingerprint
     * @param space       the space's description
     * @param direction   maximise or minimise
     * @param created     when the study was created
     * @param strategy    the sampler and scheduler that propose and budget its trials (absent in studies written
     *                    before it was kept: the first run that resumes one records its own)
     * @param lrFinderPick the LR range test's pick the space's learning-rate range is centred on, or null
     * @param directions  a multi-objective study's directions, the first being {@code direction}; null (and
     *                    absent from the file, which older versions then read as before) for one objective
     */
    public record StudyInfo(int format, String fingerprint, String space, Direction direction, String created,
                            String strategy, Double lrFinderPick,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<Direction> directions) {

        /** @return a copy recording {@code value} as the strategy */
        StudyInfo withStrategy(String value) {
            return new StudyInfo(format, fingerprint, space, direction, created, value, lrFinderPick, directions);
        }

        /** @return a copy recording {@code value} as the LR finder's pick */
        StudyInfo withLrFinderPick(Double value) {
            return new StudyInfo(format, fingerprint, space, direction, created, strategy, value, directions);
        }

        /** @return every objective's direction: {@code direction} alone in a single-objective study */
        public List<Direction> allDirections() {
            return directions == null ? List.of(direction) : directions;
        }
    }

    private StudyStore(Path dir) {
        this.dir = dir;
        this.jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    }

    /**
     * Opens the study in {@code dir}, creating it if it does not exist.
     *
     * @param dir         the study directory
     * @param fingerprint the fingerprint of the space being searched
     * @param space       a description of the space (kept for people)
     * @param directions  each objective's direction (one: a single-objective study)
     * @param strategy    the sampler and scheduler, described ({@link #describe})
     * @param lrFinderPick the LR finder's pick the space is centred on, to keep for a resume ({@link #lrFinderPick}), or null
     * @return the store
     * @throws IllegalStateException when {@code dir} holds a study of a different space, direction or strategy
     */
    public static StudyStore open(Path dir, String fingerprint, String space, List<Direction> directions,
                                  String strategy, Double lrFinderPick) {
        Direction direction = directions.get(0);
        boolean multi = directions.size() > 1;
        Path absolute = dir.toAbsolutePath().normalize();
        checkIsStudyOrNew(absolute);
        try {
            Files.createDirectories(absolute.resolve("trials"));
            Files.createDirectories(absolute.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException("study directory " + absolute + ": cannot create it", e);
        }
        StudyStore store = new StudyStore(absolute);
        store.transact(ledger -> {
            Path info = absolute.resolve(INFO);
            if (!Files.exists(info)) {
                store.writeAtomically(info, new StudyInfo(multi ? FORMAT_MULTI_OBJECTIVE : FORMAT, fingerprint, space,
                        direction, Instant.now().toString(), strategy, lrFinderPick, multi ? directions : null));
                return null;
            }
            StudyInfo existing = store.readInfo(info);
            if (!existing.fingerprint().equals(fingerprint)) {
                throw new IllegalStateException("study directory " + absolute + " was created for a different search"
                        + " space (fingerprint " + shortHash(existing.fingerprint()) + ", this space "
                        + shortHash(fingerprint) + "); its trials cannot be mixed with this space's. Start a new"
                        + " study in another directory (e.g. " + absolute.getFileName() + "-2), or delete "
                        + absolute + " to start over. Its space was: " + existing.space());
            }
            if (!existing.allDirections().equals(directions)) {
                throw new IllegalStateException("study directory " + absolute + " was created to "
                        + describe(existing.allDirections()) + ", this run would " + describe(directions)
                        + "; use the same direction(s) or a new study directory");
            }
            if (existing.strategy() != null && !existing.strategy().equals(strategy)) {
                throw new IllegalStateException("study directory " + absolute + " was created with the strategy "
                        + existing.strategy() + ", this run uses " + strategy + "; its trials were proposed and budgeted "
                        + "by the first, so mixing them would mislead both. Resume with the same sampler and scheduler "
                        + "(same strategy, epochs and rungs), or start a new study in another directory (e.g. "
                        + absolute.getFileName() + "-2)");
            }
            StudyInfo updated = existing.strategy() == null ? existing.withStrategy(strategy) : existing;
            updated = updated.lrFinderPick() == null && lrFinderPick != null ? updated.withLrFinderPick(lrFinderPick)
                    : updated;
            if (updated != existing) {
                store.writeAtomically(info, updated);
            }
            return null;
        });
        return store;
    }

    /**
     * Refuses a file, or a folder that holds anything but a study's own entries and has no
     * {@value #INFO}: writing the study there would overwrite a user's files (a report.html, a
     * leaderboard.csv of their own).
     */
    private static void checkIsStudyOrNew(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("study directory " + dir + " is a file; fix: name a folder for the "
                    + "study (new, empty, or a study to resume).");
        }
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(INFO))) {
            return;
        }
        List<String> foreign;
        try (Stream<Path> files = Files.list(dir)) {
            foreign = files.map(f -> f.getFileName().toString())
                    .filter(name -> !OWN_ENTRIES.contains(name) && !name.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("study directory " + dir + ": cannot list it", e);
        }
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("study directory " + dir + " is not a study (no " + INFO + ") and holds "
                    + "other files (" + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                    + (foreign.size() > 3 ? " …" : "") + "); refusing to write a study into it, which would overwrite "
                    + "them. Fix: choose a new or empty folder for the study.");
        }
    }

    /**
     * The LR range test's pick a study recorded, so that a space rebuilt for a resume is centred
     * where the study's was without running the test again.
     *
     * @param dir a study directory, or a folder that is not one yet
     * @return the pick, or empty when {@code dir} holds no study or the study recorded none
     */
    public static java.util.Optional<Double> lrFinderPick(Path dir) {
        Path info = dir.toAbsolutePath().normalize().resolve(INFO);
        if (!Files.isRegularFile(info)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(new StudyStore(info.getParent()).readInfo(info).lrFinderPick());
    }

    /**
     * A description of a sampler or scheduler that is the same in every run: its {@code toString()}
     * (records: their settings), or its class name where it has none (a lambda: without the part
     * the JVM numbers per run).
     *
     * @param strategy a sampler, scheduler or pruner
     * @return its description
     */
    public static String describe(Object strategy) {
        Class<?> type = strategy.getClass();
        boolean ownText;
        try {
            ownText = type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            ownText = false;
        }
        if (ownText && !type.isSynthetic() && !type.isHidden()) {
            return strategy.toString();
        }
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : name.substring(0, lambda) + "$$Lambda";
    }

    /** @return the study directory */
    public Path dir() {
        return dir;
    }

    @Override
    public String describe() {
        return "study " + dir;
    }

    @Override
    public void saveCheckpoint(String name, CheckpointWriter writer) throws IOException {
        AtomicFiles.write(dir.resolve(name), writer::write);
    }

    @Override
    public Optional<Path> checkpoint(String name) {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public void deleteCheckpoint(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    @Override
    public Path trialFolder(int number) throws IOException {
        return Files.createDirectories(dir.resolve("trials").resolve(String.format("%05d.files", number)));
    }

    @Override
    public Path reportDir() {
        return dir;
    }

    /** Liveness is the owner's process here: nothing to send. */
    @Override
    public void heartbeat(String owner, Collection<Integer> numbers) {
        // judged by process id in abandoned(..)
    }

    /**
     * A trial marked running by a process of this machine that has ended. A process of another
     * machine sharing the directory cannot be judged from here, so its trials are never taken.
     */
    @Override
    public boolean abandoned(TrialRecord trial, TrialLedger ledger) {
        String[] parts = Owners.processAndHost(trial.owner());
        if (parts == null || !parts[1].equals(Owners.host())) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[0])).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // nothing held between transactions
    }

    /**
     * Runs {@code work} with the study locked against other threads and processes.
     *
     * @param work reads the trials and may write some through the ledger
     * @param <T>  its result
     * @return what {@code work} returned
     */
    @Override
    public <T> T transact(Function<TrialLedger, T> work) {
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(dir.resolve("study.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                return work.apply(new Ledger());
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("study " + dir + ": cannot lock study.lock", e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** The study's trials as seen inside one transaction. */
    private final class Ledger extends CachedLedger {

        /** Writes (creates or replaces) a trial record atomically. */
        @Override
        void store(TrialRecord record) {
            writeAtomically(dir.resolve("trials").resolve(String.format("%05d.json", record.number())), record);
        }

        /** Every readable trial record, in number order; unreadable ones are skipped with a warning. */
        @Override
        List<TrialRecord> read() {
            List<TrialRecord> trials = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir.resolve("trials"))) {
                for (Path file : files.sorted().toList()) {
                    Matcher m = TRIAL_FILE.matcher(file.getFileName().toString());
                    if (!m.matches()) {
                        continue;
                    }
                    int number = Integer.parseInt(m.group(1));
                    sawNumber(number);
                    try {
                        TrialRecord record = Json.MAPPER.readValue(file.toFile(), TrialRecord.class);
                        if (record.number() != number) {
                            throw new IOException("it holds trial " + record.number());
                        }
                        trials.add(record);
                    } catch (IOException | RuntimeException e) {
                        if (warned.add(file.toString())) {
                            LOG.warn("study {}: skipping corrupted trial record {} ({}); the other trials are kept,"
                                    + " and trial number {} is not reused", dir, file, message(e), number);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("study " + dir + ": cannot list trials/", e);
            }
            return trials;
        }
    }

    /** "MAXIMIZE its objective", or "MAXIMIZE, MINIMIZE its 2 objectives". */
    static String describe(List<Direction> directions) {
        return directions.size() == 1 ? directions.get(0) + " its objective"
                : directions.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(", ")) + " its "
                + directions.size() + " objectives";
    }

    private StudyInfo readInfo(Path info) {
        StudyInfo read;
        try {
            read = Json.MAPPER.readValue(info.toFile(), StudyInfo.class);
        } catch (IOException e) {
            throw notOurs(info, message(e), e);
        }
        if (read == null) {
            throw notOurs(info, "it is empty", null);
        }
        boolean formatFits = read.format() == FORMAT ? read.directions() == null
                : read.format() == FORMAT_MULTI_OBJECTIVE && read.directions() != null && read.directions().size() > 1
                && read.directions().get(0) == read.direction();
        if (!formatFits || read.fingerprint() == null || read.direction() == null) {
            throw notOurs(info, "format " + read.format() + ", fingerprint " + (read.fingerprint() == null ? "missing"
                    : "present") + ", direction " + read.direction() + ", directions " + read.directions()
                    + "; a study of this version has format " + FORMAT + " (one objective, no directions) or "
                    + FORMAT_MULTI_OBJECTIVE + " (two or more directions, the first its direction), a fingerprint"
                    + " and a direction", null);
        }
        return read;
    }

    private static IllegalArgumentException notOurs(Path info, String what, Exception cause) {
        return new IllegalArgumentException(info + " is not a dl4j-recipes study file (" + what + "); fix: use a new "
                + "study directory, or restore the study.json this study wrote.", cause);
    }

    private void writeAtomically(Path target, Object value) {
        try {
            writeAtomically(target, Json.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + target + " as JSON", e);
        }
    }

    /**
     * Writes {@code bytes} to {@code target} atomically ({@link AtomicFiles}: temp files are named
     * after this process, so several processes sharing a study never write the same one).
     *
     * @throws UncheckedIOException when the file cannot be written; the old one is then kept
     */
    public static void writeAtomically(Path target, byte[] bytes) {
        try {
            AtomicFiles.write(target, tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
