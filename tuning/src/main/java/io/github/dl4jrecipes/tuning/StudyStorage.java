package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.tuning.internal.JdbcStudyStore;
import io.github.dl4jrecipes.tuning.internal.JdbcTarget;
import io.github.dl4jrecipes.tuning.internal.StudyBackend;
import io.github.dl4jrecipes.tuning.internal.StudyStore;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a study lives. A directory ({@link #directory(Path)}, the default) serves the workers of one
 * machine; a PostgreSQL database ({@link #jdbc(String, String)}) serves workers on any number of
 * machines, each started with the same code (or the same {@code dl4j-recipes tune … --storage} command):
 * they share the trials, the budgets and the checkpoints, and take over the trials of a worker that
 * stops sending heartbeats.
 *
 * <pre>{@code
 * Tuner.asha(space, 1, 27, 3).maxTrials(60)
 *      .storage(StudyStorage.jdbc("postgresql://db.example/studies", "penguins-asha"))   // user/password from
 *      .run(objective);                                                                 // DL4J_RECIPES_DB_USER/_PASSWORD
 * }</pre>
 */
public final class StudyStorage {
    /** How often a worker says it is alive (Optuna's RDB storage leaves this to the user; 10 s is cheap). */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    /** How old a heartbeat may be before the trial is taken over: six missed beats (Optuna: 2 × interval). */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);
    /** How long a worker retries a lost database connection before it stops. */
    public static final Duration DEFAULT_RETRY = Duration.ofMinutes(2);

    private final Path dir;
    private final String url;
    private final String name;
    private final Path passwordFile;
    private final Path workDir;
    private final Duration heartbeat;
    private final Duration grace;
    private final Duration retryFor;

    private StudyStorage(Path dir, String url, String name, Path passwordFile, Path workDir, Duration heartbeat,
                         Duration grace, Duration retryFor) {
        this.dir = dir;
        this.url = url;
        this.name = name;
        this.passwordFile = passwordFile;
        this.workDir = workDir;
        this.heartbeat = heartbeat;
        this.grace = grace;
        this.retryFor = retryFor;
    }

    /** A study directory: created if missing, resumed if it holds this space's study. */
    public static StudyStorage directory(Path dir) {
        return new StudyStorage(Objects.requireNonNull(dir, "dir"), null, null, null, null, DEFAULT_HEARTBEAT,
                DEFAULT_GRACE, DEFAULT_RETRY);
    }

    /**
     * The study {@code studyName} in the PostgreSQL database at {@code url}
     * ({@code postgresql://host[:port]/database}); the schema and the study are created on first use.
     * The user comes from the URL, {@code DL4J_RECIPES_DB_USER} or {@code PGUSER}, the password from
     * {@link #withPasswordFile(Path)}, {@code DL4J_RECIPES_DB_PASSWORD} or {@code PGPASSWORD}.
     */
    public static StudyStorage jdbc(String url, String studyName) {
        Objects.requireNonNull(url, "url");
        if (studyName == null || studyName.isBlank()) {
            throw new IllegalArgumentException("StudyStorage.jdbc: the study name is empty; fix: name the study"
                    + " (every worker of one study uses the same name)");
        }
        JdbcTarget.parse(url, null, Map.of(), "StudyStorage.jdbc");   // checks the URL now
        return new StudyStorage(null, url, studyName, null, null, DEFAULT_HEARTBEAT, DEFAULT_GRACE, DEFAULT_RETRY);
    }

    /** The password from the first line of {@code file} instead of the environment. */
    public StudyStorage withPasswordFile(Path file) {
        requireDatabase("withPasswordFile");
        return new StudyStorage(dir, url, name, Objects.requireNonNull(file, "file"), workDir, heartbeat, grace,
                retryFor);
    }

    /** This worker's local folder (report, the objective's files); default {@code study-<name>} here. */
    public StudyStorage withWorkDir(Path folder) {
        requireDatabase("withWorkDir");
        return new StudyStorage(dir, url, name, passwordFile, Objects.requireNonNull(folder, "folder"), heartbeat,
                grace, retryFor);
    }

    /** How often workers send heartbeats, and how old one may get before others take the trial over. */
    public StudyStorage withHeartbeat(Duration interval, Duration gracePeriod) {
        requireDatabase("withHeartbeat");
        Args.positive("StudyStorage.withHeartbeat interval (ms)", interval.toMillis(), "give a positive interval, e.g. 10 s");
        if (gracePeriod.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("StudyStorage.withHeartbeat: the grace period " + gracePeriod
                    + " is shorter than two heartbeats of " + interval + "; a slow beat would hand a live trial to"
                    + " another worker. Fix: a grace period of at least " + interval.multipliedBy(2));
        }
        return new StudyStorage(dir, url, name, passwordFile, workDir, interval, gracePeriod, retryFor);
    }

    /** How long a worker retries a lost database connection before it stops (default 2 min). */
    public StudyStorage withRetryFor(Duration duration) {
        requireDatabase("withRetryFor");
        Args.positive("StudyStorage.withRetryFor (ms)", duration.toMillis(), "give a positive duration, e.g. 2 min");
        return new StudyStorage(dir, url, name, passwordFile, workDir, heartbeat, grace, duration);
    }

    /** The study directory, or null for a database. */
    public Path dir() {
        return dir;
    }

    /** The study's name in the database, or null for a directory. */
    public String studyName() {
        return name;
    }

    /** How often a worker of this storage sends heartbeats. */
    Duration heartbeat() {
        return heartbeat;
    }

    /**
     * Opens (creating if new) the study of {@code unit}'s space for this direction and strategy; a
     * study of another space, direction or strategy is refused naming both.
     */
    StudyBackend open(UnitSpace<?> unit, String space, List<Direction> directions, String strategy,
                      Double lrFinderPick) {
        if (dir != null) {
            return StudyStore.open(dir, unit.fingerprint(), space, directions, strategy, lrFinderPick);
        }
        return JdbcStudyStore.open(target(), name, unit.fingerprint(), space, directions.get(0),
                new JdbcStudyStore.StudyInfo(unit.dimensions(), unit.axes(), strategy, lrFinderPick,
                        directions.size() > 1 ? directions : null), jdbcSettings());
    }

    /**
     * Writes the leaderboard ({@code leaderboard.csv}, {@code .json}) and the HTML report of this
     * database study into {@code dir}, from the database alone (no space, no data), and returns the
     * leaderboard: what {@code dl4j-recipes study report} runs.
     *
     * @throws IllegalStateException for a directory storage (its reports are in the directory), or a
     *                               study the database does not hold
     */
    public Leaderboard writeReports(Path out) {
        requireDatabase("writeReports");
        JdbcStudyStore.Snapshot study = JdbcStudyStore.read(target(), name, jdbcSettings());
        return TuningResult.writeReports(out, study.trials(), study.info().dimensions(), study.info().axes(),
                study.directions());
    }

    /**
     * The LR range test's pick this study recorded (a directory's {@code study.json}, a database's
     * study row), or empty for a new study: workers that join or resume center their space on it
     * without running the test again.
     */
    Optional<Double> lrFinderPick() {
        if (dir != null) {
            return StudyStore.lrFinderPick(dir);
        }
        return JdbcStudyStore.info(target(), name, jdbcSettings()).map(JdbcStudyStore.StudyInfo::lrFinderPick);
    }

    /**
     * The ranking of this database study's finished trials, read from the database alone.
     *
     * @throws IllegalStateException for a directory storage, or a study the database does not hold
     */
    public Leaderboard leaderboard() {
        requireDatabase("leaderboard");
        JdbcStudyStore.Snapshot study = JdbcStudyStore.read(target(), name, jdbcSettings());
        return Leaderboard.of(study.trials(), study.directions());
    }

    private JdbcTarget target() {
        return JdbcTarget.parse(url, passwordFile, System.getenv(), "StudyStorage.jdbc");
    }

    private JdbcStudyStore.Settings jdbcSettings() {
        Path work = workDir != null ? workDir : Path.of("study-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
        return new JdbcStudyStore.Settings(work, retryFor, grace);
    }

    private void requireDatabase(String method) {
        if (url == null) {
            throw new IllegalStateException("StudyStorage." + method + " applies to a database study"
                    + " (StudyStorage.jdbc), not to the directory " + dir);
        }
    }

    @Override
    public String toString() {
        return dir != null ? "study directory " + dir : "study '" + name + "' in "
                + JdbcTarget.parse(url, null, Map.of(), "StudyStorage.jdbc").redacted();
    }
}
