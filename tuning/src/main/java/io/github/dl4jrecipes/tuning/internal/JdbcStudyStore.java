package io.github.dl4jrecipes.tuning.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.Json;
import io.github.dl4jrecipes.tuning.Dimension;
import io.github.dl4jrecipes.tuning.Direction;
import io.github.dl4jrecipes.tuning.TrialRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A study in a PostgreSQL database, shared by workers on any number of machines: the relational
 * design of Optuna's RDB storage (studies, trials, intermediate values per epoch, heartbeats), learnt
 * from its contract, written for this library's trial records.
 *
 * <p>Concurrency: every transaction of a study first takes the study's row lock
 * ({@code SELECT … FOR UPDATE} on {@code dl4jr_studies}), so claiming a trial number, a promotion and
 * a trial's final state are serialised across all workers exactly as the directory store's file lock
 * serialises them between processes of one machine; budgets checked inside the transaction hold for
 * the whole study. Heartbeats are single-row updates outside that lock. Checkpoints live in the
 * database as bytes, so that any worker can continue any trial.
 *
 * <p>A lost connection (the server restarting, a network cut) is retried with exponential back-off
 * for {@link Settings#retryFor()}; then the worker stops with an error naming the database, and the trials
 * it was training are requeued by the others once their heartbeats are stale. A transaction whose
 * outcome is unknown is run again: every write of the runner replaces a whole trial record, so a
 * repeat changes nothing.
 */
public final class JdbcStudyStore implements StudyBackend {
    /** The schema this version writes for single-objective studies; a database with another is refused. */
    public static final int SCHEMA_VERSION = 1;
    /**
     * The schema once the database holds a multi-objective study: the same tables (the values travel in
     * the trial records), but versions that read only {@value #SCHEMA_VERSION} refuse the database instead
     * of running a multi-objective study on its first objective. This version reads both.
     */
    public static final int SCHEMA_VERSION_MULTI_OBJECTIVE = 2;
    /** Connections each worker process keeps: its trial threads, heartbeats and one spare. */
    static final int POOL_SIZE = 4;
    /** First wait after a lost connection; doubled each time, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /**
     * How long the first connection is retried: a wrong host or port is far likelier then than a
     * restarting server, and should not keep a person waiting for the whole {@link Settings#retryFor()}.
     */
    static final Duration FIRST_CONNECTION_RETRY = Duration.ofSeconds(15);
    /** The advisory lock that serialises schema creation between workers starting together. */
    private static final long SCHEMA_LOCK = 0x646c346a72L;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStudyStore.class);
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS dl4jr_schema (version INT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS dl4jr_studies (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                    + " fingerprint TEXT NOT NULL, space TEXT NOT NULL, direction TEXT NOT NULL,"
                    + " info JSONB NOT NULL DEFAULT '{}', created TIMESTAMPTZ NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS dl4jr_trials (study_id BIGINT NOT NULL REFERENCES dl4jr_studies(id)"
                    + " ON DELETE CASCADE, number INT NOT NULL, state TEXT NOT NULL, value DOUBLE PRECISION,"
                    + " owner TEXT, heartbeat TIMESTAMPTZ, record JSONB NOT NULL,"
                    + " updated TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (study_id, number))",
            "CREATE TABLE IF NOT EXISTS dl4jr_trial_values (study_id BIGINT NOT NULL, number INT NOT NULL,"
                    + " epoch INT NOT NULL, value DOUBLE PRECISION, PRIMARY KEY (study_id, number, epoch),"
                    + " FOREIGN KEY (study_id, number) REFERENCES dl4jr_trials ON DELETE CASCADE)",
            "CREATE TABLE IF NOT EXISTS dl4jr_checkpoints (study_id BIGINT NOT NULL REFERENCES dl4jr_studies(id)"
                    + " ON DELETE CASCADE, name TEXT NOT NULL, bytes BYTEA NOT NULL, PRIMARY KEY (study_id, name))");

    private final HikariDataSource pool;
    private final JdbcTarget target;
    private final String name;
    private final long studyId;
    private final Settings settings;

    /**
     * How a worker uses the database.
     *
     * @param workDir   this worker's local folder: the report, the objective's trial files, restored checkpoints
     * @param retryFor  how long a lost connection is retried before the worker stops
     * @param grace     how old a running trial's heartbeat may get before other workers take the trial over
     */
    public record Settings(Path workDir, Duration retryFor, Duration grace) {
        /** The same with the retry window shortened to {@link #FIRST_CONNECTION_RETRY} at most. */
        Settings forFirstConnection() {
            return retryFor.compareTo(FIRST_CONNECTION_RETRY) <= 0 ? this
                    : new Settings(workDir, FIRST_CONNECTION_RETRY, grace);
        }
    }

    private JdbcStudyStore(HikariDataSource pool, JdbcTarget target, String name, long studyId, Settings settings) {
        this.pool = pool;
        this.target = target;
        this.name = name;
        this.studyId = studyId;
        this.settings = settings;
    }

    /**
     * Opens the study {@code name} in the database, creating the schema and the study on first use.
     *
     * @throws IllegalStateException when the study exists with another space or direction, the
     *                               database holds another schema version, or it cannot be reached
     */
    public static JdbcStudyStore open(JdbcTarget target, String name, String fingerprint, String space,
                                      Direction direction, StudyInfo info, Settings settings) {
        HikariDataSource pool = pool(target, "dl4jr-study-" + name, POOL_SIZE);
        JdbcStudyStore store = new JdbcStudyStore(pool, target, name, -1, settings.forFirstConnection());
        try {
            long id = store.retrying("open the study", c -> {
                createSchema(c, info.directions() != null);
                return findOrCreate(c, target, name, fingerprint, space, direction, info);
            });
            Files.createDirectories(settings.workDir());
            return new JdbcStudyStore(pool, target, name, id, settings);
        } catch (IOException e) {
            pool.close();
            throw new UncheckedIOException("the local work folder " + settings.workDir() + " cannot be created", e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The study's name in the database. */
    public String name() {
        return name;
    }

    /** Where the study lives, for messages: the database (never its password) and the study's name. */
    @Override
    public String describe() {
        return "study '" + name + "' in " + target.redacted();
    }

    /** Runs {@code work} holding the study's row lock, retrying it after a lost connection. */
    @Override
    public <T> T transact(Function<TrialLedger, T> work) {
        return retrying("update the study", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM dl4jr_studies WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, studyId);
                lock.executeQuery().close();
            }
            return work.apply(new Ledger(c));
        });
    }

    /** Marks the trials {@code numbers} owned by {@code owner} as alive now (no study lock). */
    @Override
    public void heartbeat(String owner, Collection<Integer> numbers) {
        if (numbers.isEmpty()) {
            return;
        }
        retrying("send a heartbeat", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE dl4jr_trials SET heartbeat = now()"
                    + " WHERE study_id = ? AND owner = ? AND number = ANY(?)")) {
                Array array = c.createArrayOf("integer", numbers.toArray());
                s.setLong(1, studyId);
                s.setString(2, owner);
                s.setArray(3, array);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Writes the checkpoint to a local file, then stores its bytes in the database. */
    @Override
    public void saveCheckpoint(String file, CheckpointWriter writer) throws IOException {
        Path local = Files.createTempFile(settings.workDir(), "checkpoint-", ".bin");
        try {
            writer.write(local);
            saveCheckpoint(file, Files.readAllBytes(local));
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The checkpoint copied into this worker's work folder, if the study holds it. */
    @Override
    public Optional<Path> checkpoint(String file) throws IOException {
        Optional<byte[]> bytes = loadCheckpoint(file);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Path local = settings.workDir().resolve(file);
        AtomicFiles.write(local, tmp -> Files.write(tmp, bytes.get()));
        return Optional.of(local);
    }

    @Override
    public Path trialFolder(int number) throws IOException {
        return Files.createDirectories(settings.workDir().resolve("trials").resolve(String.format("%05d.files", number)));
    }

    @Override
    public Path reportDir() {
        return settings.workDir();
    }

    /** Another worker's trial whose heartbeat is older than the grace period (or was never sent). */
    @Override
    public boolean abandoned(TrialRecord trial, TrialLedger ledger) {
        return ledger.heartbeatAge(trial.number()).map(age -> age.compareTo(settings.grace()) > 0).orElse(true);
    }

    /** Stores a checkpoint's bytes under {@code file} (replacing any). */
    void saveCheckpoint(String file, byte[] bytes) {
        retrying("save checkpoint " + file, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dl4jr_checkpoints (study_id, name, bytes)"
                    + " VALUES (?, ?, ?) ON CONFLICT (study_id, name) DO UPDATE SET bytes = EXCLUDED.bytes")) {
                s.setLong(1, studyId);
                s.setString(2, file);
                s.setBytes(3, bytes);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** A checkpoint's bytes, if the study holds it. */
    Optional<byte[]> loadCheckpoint(String file) {
        return retrying("load checkpoint " + file, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT bytes FROM dl4jr_checkpoints WHERE study_id = ? AND name = ?")) {
                s.setLong(1, studyId);
                s.setString(2, file);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /** Deletes a checkpoint the trial no longer points at. */
    @Override
    public void deleteCheckpoint(String file) {
        retrying("delete checkpoint " + file, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM dl4jr_checkpoints WHERE study_id = ? AND name = ?")) {
                s.setLong(1, studyId);
                s.setString(2, file);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The objective after each epoch of each trial, as the intermediate-values table holds it. */
    public Map<Integer, List<Double>> intermediateValues() {
        return retrying("read intermediate values", c -> {
            Map<Integer, List<Double>> values = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT number, value FROM dl4jr_trial_values"
                    + " WHERE study_id = ? ORDER BY number, epoch")) {
                s.setLong(1, studyId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        values.computeIfAbsent(r.getInt(1), n -> new ArrayList<>()).add(r.getDouble(2));
                    }
                }
            }
            return values;
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    /** One transaction's view of the trials. */
    private final class Ledger extends CachedLedger {
        private final Connection connection;
        private final Map<Integer, Duration> heartbeats = new HashMap<>();

        Ledger(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Optional<Duration> heartbeatAge(int number) {
            trials();
            return Optional.ofNullable(heartbeats.get(number));
        }

        @Override
        void store(TrialRecord record) {
            try {
                upsert(record);
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }

        private void upsert(TrialRecord record) throws SQLException {
            String json;
            try {
                json = Json.MAPPER.writeValueAsString(record);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("trial " + record.number() + " cannot be written as JSON", e);
            }
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO dl4jr_trials"
                    + " (study_id, number, state, value, owner, heartbeat, record, updated)"
                    + " VALUES (?, ?, ?, ?, ?, CASE WHEN ? THEN now() END, ?::jsonb, now())"
                    + " ON CONFLICT (study_id, number) DO UPDATE SET state = EXCLUDED.state, value = EXCLUDED.value,"
                    + " heartbeat = CASE WHEN dl4jr_trials.owner IS DISTINCT FROM EXCLUDED.owner"
                    + " THEN EXCLUDED.heartbeat ELSE COALESCE(dl4jr_trials.heartbeat, EXCLUDED.heartbeat) END,"
                    + " owner = EXCLUDED.owner, record = EXCLUDED.record, updated = now()")) {
                s.setLong(1, studyId);
                s.setInt(2, record.number());
                s.setString(3, record.status().name());
                if (Double.isNaN(record.value())) {
                    s.setNull(4, java.sql.Types.DOUBLE);
                } else {
                    s.setDouble(4, record.value());
                }
                s.setString(5, record.owner());
                s.setBoolean(6, record.owner() != null);
                s.setString(7, json);
                s.executeUpdate();
            }
            try (PreparedStatement d = connection.prepareStatement(
                    "DELETE FROM dl4jr_trial_values WHERE study_id = ? AND number = ?")) {
                d.setLong(1, studyId);
                d.setInt(2, record.number());
                d.executeUpdate();
            }
            if (record.values().isEmpty()) {
                return;
            }
            try (PreparedStatement v = connection.prepareStatement(
                    "INSERT INTO dl4jr_trial_values (study_id, number, epoch, value) VALUES (?, ?, ?, ?)")) {
                for (int epoch = 0; epoch < record.values().size(); epoch++) {
                    v.setLong(1, studyId);
                    v.setInt(2, record.number());
                    v.setInt(3, epoch + 1);
                    v.setDouble(4, record.values().get(epoch));
                    v.addBatch();
                }
                v.executeBatch();
            }
        }

        @Override
        List<TrialRecord> read() {
            List<TrialRecord> trials = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT number, record::text,"
                    + " EXTRACT(EPOCH FROM (now() - heartbeat)) FROM dl4jr_trials WHERE study_id = ? ORDER BY number")) {
                s.setLong(1, studyId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int number = r.getInt(1);
                        sawNumber(number);
                        trials.add(parse(number, r.getString(2)));
                        double age = r.getDouble(3);
                        if (!r.wasNull()) {
                            heartbeats.put(number, Duration.ofMillis(Math.round(age * 1000)));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
            return trials;
        }

        private TrialRecord parse(int number, String json) {
            try {
                TrialRecord record = Json.MAPPER.readValue(json, TrialRecord.class);
                if (record.number() != number) {
                    throw new IOException("the row of trial " + number + " holds trial " + record.number());
                }
                return record;
            } catch (IOException e) {
                throw new IllegalStateException(describe() + ": trial " + number + " is not a trial record this"
                        + " version can read (" + e.getMessage() + "); fix: use a new study name", e);
            }
        }
    }

    private static void createSchema(Connection c, boolean multiObjective) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            try (ResultSet r = s.executeQuery("SELECT version FROM dl4jr_schema")) {
                int wanted = multiObjective ? SCHEMA_VERSION_MULTI_OBJECTIVE : SCHEMA_VERSION;
                if (!r.next()) {
                    s.execute("INSERT INTO dl4jr_schema (version) VALUES (" + wanted + ")");
                    return;
                }
                int version = r.getInt(1);
                if (version != SCHEMA_VERSION && version != SCHEMA_VERSION_MULTI_OBJECTIVE) {
                    throw new IllegalStateException(String.format(
                            "the database holds dl4j-recipes study schema version %d, this version reads %d and %d%s",
                            version, SCHEMA_VERSION, SCHEMA_VERSION_MULTI_OBJECTIVE,
                            version > SCHEMA_VERSION_MULTI_OBJECTIVE
                                    ? "; fix: run the workers with the newer dl4j-recipes that wrote it, or use another database"
                                    : "; fix: use another database (no migration from older schemas exists)"));
                }
                if (version < wanted) {
                    s.execute("UPDATE dl4jr_schema SET version = " + wanted);
                }
            }
        }
    }

    private static long findOrCreate(Connection c, JdbcTarget target, String name, String fingerprint, String space,
                                     Direction direction, StudyInfo info) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO dl4jr_studies (name, fingerprint, space,"
                + " direction, info) VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, fingerprint);
            insert.setString(3, space);
            insert.setString(4, direction.name());
            insert.setString(5, json(info));
            insert.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, fingerprint, space, direction, info->>'strategy', info::text FROM dl4jr_studies"
                        + " WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                String where = "study '" + name + "' in " + target.redacted();
                if (!r.getString(2).equals(fingerprint)) {
                    throw new IllegalStateException(where + " was created for a different search space; its trials"
                            + " cannot be mixed with this space's. Use another --study-name (e.g. " + name
                            + "-2). Its space: " + r.getString(3) + "; this space: " + space);
                }
                Direction existing = Direction.valueOf(r.getString(4));
                List<Direction> existingAll = readInfo(r.getString(6), where).allDirections(existing);
                if (!existingAll.equals(info.allDirections(direction))) {
                    throw new IllegalStateException(where + " was created to " + StudyStore.describe(existingAll)
                            + ", this run would " + StudyStore.describe(info.allDirections(direction))
                            + "; use the same direction(s) or another study name");
                }
                String strategy = r.getString(5);
                if (strategy != null && !strategy.equals(info.strategy())) {
                    throw new IllegalStateException(where + " was created with the strategy " + strategy
                            + ", this worker uses " + info.strategy() + "; its trials were proposed and budgeted by"
                            + " the first. Start every worker with the same sampler and scheduler, or use another"
                            + " study name");
                }
                return r.getLong(1);
            }
        }
    }

    /**
     * What a study row keeps besides its identity, as JSON: what a report needs to be drawn from the
     * database alone, and what a joining worker must agree with.
     *
     * @param dimensions   the space's dimensions, in the order of the trials' points
     * @param axes         how the report draws each dimension
     * @param strategy     the sampler and scheduler, described
     * @param lrFinderPick the LR finder's pick the space is centred on, or null
     * @param directions   a multi-objective study's directions, the first being the study's direction; null (absent
     *                     from the JSON) for one objective
     */
    public record StudyInfo(List<Dimension> dimensions, List<Axis> axes, String strategy, Double lrFinderPick,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<Direction> directions) {

        /**
         * @param direction the study's direction (its row's column)
         * @return every objective's direction
         */
        public List<Direction> allDirections(Direction direction) {
            return directions == null ? List.of(direction) : directions;
        }
    }

    /** A study read back from the database, for reports: its direction, information and trials. */
    public record Snapshot(String name, Direction direction, StudyInfo info, List<TrialRecord> trials) {
        /** @return every objective's direction */
        public List<Direction> directions() {
            return info.allDirections(direction);
        }
    }

    private static StudyInfo readInfo(String json, String where) {
        try {
            return Json.MAPPER.readValue(json, StudyInfo.class);
        } catch (IOException e) {
            throw new IllegalStateException(where + " has information this version cannot read (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * Reads the existing study {@code name} without opening it for work (no space needed).
     *
     * @throws IllegalStateException when the database has no such study, or cannot be reached
     */
    public static Snapshot read(JdbcTarget target, String name, Settings settings) {
        return find(target, name, settings, true).orElseThrow(() -> new IllegalStateException("there is no study '"
                + name + "' in " + target.redacted() + "; fix: check --study-name (names are case-sensitive)"));
    }

    /**
     * The information the study {@code name} keeps, or empty when the database has no such study yet.
     *
     * @throws IllegalStateException when the database cannot be reached
     */
    public static Optional<StudyInfo> info(JdbcTarget target, String name, Settings settings) {
        return find(target, name, settings, false).map(Snapshot::info);
    }

    private static Optional<Snapshot> find(JdbcTarget target, String name, Settings settings, boolean withTrials) {
        try (HikariDataSource pool = pool(target, "dl4jr-read-" + name, 1)) {
            JdbcStudyStore reader = new JdbcStudyStore(pool, target, name, -1, settings.forFirstConnection());
            Object[] row = reader.retrying("read the study", c -> {
                try (Statement probe = c.createStatement();
                     ResultSet tables = probe.executeQuery("SELECT to_regclass('dl4jr_studies') IS NOT NULL")) {
                    tables.next();
                    if (!tables.getBoolean(1)) {
                        return null;
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id, direction, info::text FROM dl4jr_studies WHERE name = ?")) {
                    s.setString(1, name);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() ? new Object[] {r.getLong(1), r.getString(2), r.getString(3)} : null;
                    }
                }
            });
            if (row == null) {
                return Optional.empty();
            }
            StudyInfo info = readInfo((String) row[2], "study '" + name + "' in " + target.redacted());
            JdbcStudyStore study = new JdbcStudyStore(pool, target, name, (Long) row[0], settings);
            return Optional.of(new Snapshot(name, Direction.valueOf((String) row[1]), info,
                    withTrials ? study.trials() : List.of()));
        }
    }

    /**
     * A pool of {@code size} connections to {@code target}, transactions committed by hand; it
     * starts without a connection (the first transaction's retries handle an unreachable server).
     */
    private static HikariDataSource pool(JdbcTarget target, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setPoolName(name);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
        return new HikariDataSource(config);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    /** Work inside one transaction on a pooled connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Carries an {@link SQLException} out of a ledger call, to be retried or reported. */
    private static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /**
     * Runs {@code work} in a transaction, committing at the end; after a lost connection waits and
     * runs it again, for at most {@link Settings#retryFor()}.
     */
    private <T> T retrying(String what, SqlWork<T> work) {
        long giveUp = System.nanoTime() + settings.retryFor().toNanos();
        Duration wait = FIRST_BACKOFF;
        while (true) {
            SQLException failure;
            try (Connection c = pool.getConnection()) {
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | SqlFailure e) {
                    rollbackQuietly(c);
                    failure = e instanceof SqlFailure f ? f.getCause() : (SQLException) e;
                } catch (RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                failure = e;
            }
            if (!connectionLost(failure)) {
                throw new IllegalStateException(describeOr(what) + ": " + what + " failed: " + failure.getMessage()
                        + " (SQL state " + failure.getSQLState() + ")" + authHint(failure), failure);
            }
            if (System.nanoTime() + wait.toNanos() > giveUp) {
                throw new IllegalStateException(String.format("%s: cannot %s: the database has not answered for %d s"
                                + " (%s); fix: check that the server runs and is reachable, then start this worker"
                                + " again (its trials are requeued by the other workers)", describeOr(what), what,
                        settings.retryFor().toSeconds(), failure.getMessage()), failure);
            }
            LOG.warn("{}: lost the database connection ({}); retrying in {} ms", describeOr(what),
                    failure.getMessage(), wait.toMillis());
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
    }

    private String describeOr(String what) {
        return studyId < 0 ? "study '" + name + "' in " + target.redacted() : describe();
    }

    /** Connection-class SQL states (08…), a server shutting down (57P…), or the pool's time-out. */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e instanceof java.sql.SQLTransientConnectionException
                    || e.getCause() instanceof java.net.ConnectException;
        }
        return state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
    }

    private static String authHint(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("28")
                ? "; fix: set the user and password through " + JdbcTarget.USER_ENV + " / " + JdbcTarget.PASSWORD_ENV
                        + " (or PGUSER / PGPASSWORD) or a password file"
                : "";
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls the transaction back
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
