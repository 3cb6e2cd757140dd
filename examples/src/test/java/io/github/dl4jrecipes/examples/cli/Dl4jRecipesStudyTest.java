package io.github.dl4jrecipes.examples.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.github.dl4jrecipes.examples.cli.Dl4jRecipesTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tune tabular --storage} and {@code study report|leaderboard} against the test PostgreSQL
 * server that .ci/postgres.sh starts (skipped with one line where none runs; an error under CI).
 */
class Dl4jRecipesStudyTest {
    @TempDir
    static Path dir;
    private static String url;
    private static Path passwordFile;
    private static String database;

    @BeforeAll
    static void database() throws Exception {
        String server = System.getenv("DL4JR_TEST_POSTGRES_URL");
        if ("true".equals(System.getenv("CI")) && server == null) {
            throw new IllegalStateException("DL4JR_TEST_POSTGRES_URL is not set: .ci/run must start the test server");
        }
        Assumptions.assumeTrue(server != null, "no test PostgreSQL server: DL4JR_TEST_POSTGRES_URL is not set "
                + "(start one with: eval \"$(.ci/postgres.sh start)\")");
        database = "dl4jr_cli" + ProcessHandle.current().pid();
        admin(server, "CREATE DATABASE " + database);
        url = server.replaceFirst("^postgresql://", "postgresql://" + System.getenv("DL4JR_TEST_POSTGRES_USER") + "@")
                .replaceFirst("/[^/]*$", "/" + database);
        passwordFile = Files.writeString(dir.resolve("pw"), System.getenv("DL4JR_TEST_POSTGRES_PASSWORD") + "\n");
    }

    @AfterAll
    static void drop() throws Exception {
        if (database != null) {
            admin(System.getenv("DL4JR_TEST_POSTGRES_URL"), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void tuneJoinsADatabaseStudyAndStudyReportDrawsItFromTheDatabase() throws Exception {
        Path table = Dl4jRecipesTest.tinyTable(dir.resolve("tiny.csv"), 120, 1, true, null);
        String[] tune = {"tune", "tabular", "--csv", table.toString(), "--target", "label", "--strategy", "random",
            "--trials", "3", "--max-epochs", "2", "--seed", "5", "--storage", url, "--study-name", "tiny",
            "--db-password-file", passwordFile.toString(), "--work-dir", dir.resolve("worker").toString()};
        Dl4jRecipesTest.Run first = run(tune);
        assertEquals(Dl4jRecipes.OK, first.code(), first.err());
        List<String> written = Files.readAllLines(dir.resolve("worker").resolve("leaderboard.csv"));
        assertEquals(1 + 3, written.size(), "header + 3 trials: " + written);

        Dl4jRecipesTest.Run again = run(tune);
        assertEquals(Dl4jRecipes.OK, again.code(), again.err());
        assertEquals(written, Files.readAllLines(dir.resolve("worker").resolve("leaderboard.csv")),
                "a finished database study is reused, not retrained");

        Path report = dir.resolve("report");
        Dl4jRecipesTest.Run drawn = run("study", "report", "--storage", url, "--study-name", "tiny",
                "--db-password-file", passwordFile.toString(), "--output", report.toString());
        assertEquals(Dl4jRecipes.OK, drawn.code(), drawn.err());
        assertEquals(written, Files.readAllLines(report.resolve("leaderboard.csv")), "the same leaderboard");
        assertTrue(Files.readString(report.resolve("report.html")).contains("<svg"));

        Dl4jRecipesTest.Run board = run("study", "leaderboard", "--storage", url, "--study-name", "tiny",
                "--db-password-file", passwordFile.toString(), "--top", "3");
        assertEquals(Dl4jRecipes.OK, board.code(), board.err());
        assertTrue(drawn.out().startsWith(board.out().trim()), board.out() + "\nvs\n" + drawn.out());
        assertFalse((first.out() + first.err() + drawn.out() + board.out())
                .contains(System.getenv("DL4JR_TEST_POSTGRES_PASSWORD")), "the password is never printed");
    }

    @Test
    void badStorageOptionsAreUsageErrorsNamingTheOptions() {
        Dl4jRecipesTest.Run neither = run("tune", "tabular", "--trials", "3");
        assertEquals(Dl4jRecipes.USAGE, neither.code());
        assertTrue(neither.err().contains("give --study DIR (a folder) or --storage URL --study-name NAME"),
                neither.err());
        Dl4jRecipesTest.Run noName = run("tune", "tabular", "--storage", "postgresql://h/d");
        assertEquals(Dl4jRecipes.USAGE, noName.code());
        assertTrue(noName.err().contains("--storage needs --study-name NAME"), noName.err());
        Dl4jRecipesTest.Run both = run("tune", "tabular", "--storage", "postgresql://h/d", "--study-name", "s",
                "--study", dir.resolve("s").toString());
        assertEquals(Dl4jRecipes.USAGE, both.code());
        assertTrue(both.err().contains("give --study or --storage, not both"), both.err());
        Dl4jRecipesTest.Run secret = run("study", "leaderboard", "--storage", "postgresql://bob:hunter2@h/d",
                "--study-name", "s");
        assertEquals(Dl4jRecipes.BAD_INPUT, secret.code());
        assertTrue(secret.err().contains("the URL holds a password"), secret.err());
        assertFalse(secret.err().contains("hunter2"), secret.err());
        Dl4jRecipesTest.Run unknown = run("study", "leaderboard", "--storage", url, "--study-name", "no-such-study",
                "--db-password-file", passwordFile.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("there is no study 'no-such-study'"), unknown.err());
    }

    private static void admin(String server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:" + server, System.getenv("DL4JR_TEST_POSTGRES_USER"),
                System.getenv("DL4JR_TEST_POSTGRES_PASSWORD")); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
