package io.github.dl4jrecipes.tuning.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcTargetTest {

    @Test
    void urlsOfBothFormsBecomeJdbcUrlsWithTheDefaultPort() {
        JdbcTarget t = JdbcTarget.parse("postgresql://db.example/studies", null, Map.of(), "--storage");
        assertEquals("jdbc:postgresql://db.example:5432/studies", t.jdbcUrl());
        assertEquals(System.getProperty("user.name"), t.user());
        assertNull(t.password());
        assertEquals("jdbc:postgresql://h:6543/d?sslmode=require",
                JdbcTarget.parse("jdbc:postgresql://h:6543/d?sslmode=require", null, Map.of(), "x").jdbcUrl());
    }

    @Test
    void credentialsComeFromTheUrlUserTheEnvironmentOrAFile(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PGUSER", "pg", "PGPASSWORD", "pgpw", JdbcTarget.PASSWORD_ENV, "ours");
        JdbcTarget fromEnv = JdbcTarget.parse("postgresql://h/d", null, env, "--storage");
        assertEquals("pg", fromEnv.user());
        assertEquals("ours", fromEnv.password(), "our variable before libpq's");
        assertEquals("alice", JdbcTarget.parse("postgresql://alice@h/d", null, env, "--storage").user());
        Path file = Files.writeString(dir.resolve("pw"), "from-file\nignored\n");
        assertEquals("from-file", JdbcTarget.parse("postgresql://h/d", file, env, "--storage").password());
    }

    @Test
    void aPasswordInTheUrlIsRefusedAndNeverEchoed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcTarget.parse("postgresql://bob:hunter2@h/d", null, Map.of(), "--storage"));
        assertTrue(e.getMessage().startsWith("--storage: the URL holds a password"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void otherUrlsAreRefusedNamingTheParameterAndTheForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcTarget.parse("mysql://h/d", null, Map.of(), "--storage"));
        assertEquals("--storage mysql://h/d is not a PostgreSQL URL (expected postgresql://host[:port]/database);"
                + " fix: give postgresql://host[:port]/database", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JdbcTarget.parse("postgresql://h", null, Map.of(), "x"));
    }

    @Test
    void theRedactedFormShowsUserHostAndDatabaseOnly() {
        JdbcTarget t = new JdbcTarget("jdbc:postgresql://h:5432/d?password=x", "u", "secret");
        assertEquals("postgresql://u@h:5432/d", t.redacted());
        assertEquals(t.redacted(), t.toString());
    }
}
