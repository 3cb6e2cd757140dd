package io.github.dl4jrecipes.core.train.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {

    /** The pid of a process that has exited. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    static String leftover(String target, long pid) {
        return "." + target + ".dl4jr-" + pid + "-0123456789abcdef0123456789abcdef.tmp";
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewFileGetsTheModeOfAPlainNewFile(@TempDir Path dir) throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path ours = dir.resolve("ours.json");
        AtomicFiles.writeString(ours, "{}");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(ours));
    }

    @Test
    void aReplacedFileKeepsItsMode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.json");
        for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw-rw-r--"}) {
            Files.writeString(file, "old");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            AtomicFiles.writeString(file, "new");
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("new", Files.readString(file));
        }
    }

    @Test
    void aFailingWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        AtomicFiles.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("model.json"), names(dir));
    }

    @Test
    void temporaryFilesOfKilledWritersAreCleanedOnTheNextWrite(@TempDir Path dir) throws Exception {
        long dead = deadPid();
        long alive = ProcessHandle.current().pid();
        Files.writeString(dir.resolve(leftover("a.json", dead)), "half");
        Files.writeString(dir.resolve(leftover("b.zip", dead)), "half");
        Files.writeString(dir.resolve(leftover("c.json", alive)), "being written");
        Files.writeString(dir.resolve("user.tmp"), "not ours");

        AtomicFiles.writeString(dir.resolve("a.json"), "{}");

        assertEquals(List.of(leftover("c.json", alive), "a.json", "user.tmp"), names(dir));
    }

    @Test
    void cleanStaleDeletesOnlyOurNamesOfDeadProcesses(@TempDir Path dir) throws Exception {
        long dead = deadPid();
        Files.writeString(dir.resolve(leftover("x", dead)), "half");
        Files.writeString(dir.resolve(".x.dl4jr-12.tmp"), "not our pattern");
        AtomicFiles.cleanStale(dir);
        assertEquals(List.of(".x.dl4jr-12.tmp"), names(dir));
        AtomicFiles.cleanStale(dir.resolve("missing"));
        assertFalse(Files.exists(dir.resolve("missing")));
        assertTrue(AtomicFiles.isStale(dir.resolve(leftover("y", dead))));
    }
}
