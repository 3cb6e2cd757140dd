package io.github.dl4jrecipes.tuning.internal;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh database on the test PostgreSQL server that {@code .ci/postgres.sh start} runs (CI starts
 * it; locally: {@code eval "$(.ci/postgres.sh start)"}); tests that need it skip with one line when
 * the variables are not set, except under CI ({@code CI=true}), where that is an error. Each instance creates its own database and drops it on close.
 */
public final class PostgresDatabase implements AutoCloseable {
    static final String URL_ENV = "DL4JR_TEST_POSTGRES_URL";
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String database;

    private PostgresDatabase(String url, String user, String password) throws SQLException {
        this.adminUrl = "jdbc:" + url;
        this.user = user;
        this.password = password;
        this.database = "dl4jr_t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        admin("CREATE DATABASE " + database);
    }

    /** A new database, or the test is skipped (with the reason) when no server was started for the tests. */
    public static PostgresDatabase create() throws SQLException {
        String url = System.getenv(URL_ENV);
        if ("true".equals(System.getenv("CI")) && (url == null || url.isBlank())) {
            throw new IllegalStateException(URL_ENV + " is not set: .ci/run must start the test server");
        }
        Assumptions.assumeTrue(url != null && !url.isBlank(), "no test PostgreSQL server: " + URL_ENV
                + " is not set (start one with: eval \"$(.ci/postgres.sh start)\")");
        return new PostgresDatabase(url, System.getenv("DL4JR_TEST_POSTGRES_USER"),
                System.getenv("DL4JR_TEST_POSTGRES_PASSWORD"));
    }

    /** The database as a user names it: {@code postgresql://host:port/name}. */
    public String url() {
        return adminUrl.substring("jdbc:".length()).replaceFirst("/[^/?]*$", "/" + database);
    }

    /** The URL with the user in it: {@code postgresql://user@host:port/name}. */
    public String urlWithUser() {
        return url().replaceFirst("^postgresql://", "postgresql://" + user + "@");
    }

    /** Writes the password into {@code file} (for {@code withPasswordFile}) and returns it. */
    public java.nio.file.Path passwordFile(java.nio.file.Path file) throws java.io.IOException {
        return java.nio.file.Files.writeString(file, password + "\n");
    }

    /** The environment a worker needs to reach it (user and password). */
    public Map<String, String> env() {
        return Map.of(JdbcTarget.USER_ENV, user, JdbcTarget.PASSWORD_ENV, password);
    }

    public JdbcTarget target() {
        return JdbcTarget.parse(url(), null, env(), "test");
    }

    /** Runs SQL in this database (as the test's superuser). */
    public void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:" + url(), user, password);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Stops and starts the server (the script .ci/postgres.sh names in DL4JR_TEST_POSTGRES_RESTART). */
    public static Process restartServer() throws java.io.IOException {
        String command = System.getenv("DL4JR_TEST_POSTGRES_RESTART");
        Assumptions.assumeTrue(command != null, "DL4JR_TEST_POSTGRES_RESTART is not set");
        return new ProcessBuilder("bash", "-c", command).inheritIO().start();
    }

    private void admin(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
}
