package io.github.dl4jrecipes.core.train.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFolderTest {

    private static AtomicFolder.Content files(String a, String b) {
        return staging -> {
            Files.writeString(staging.resolve("a.json"), a);
            Files.createDirectories(staging.resolve("sub"));
            Files.writeString(staging.resolve("sub/b.txt"), b);
        };
    }

    @Test
    void writesReplacesAndVerifies(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("model");
        AtomicFolder.write(dir, files("1", "one"));
        AtomicFolder.write(dir, files("2", "two"));

        AtomicFolder.Manifest manifest = AtomicFolder.read(dir).orElseThrow();
        assertEquals(List.of("a.json", "sub/b.txt"), List.copyOf(manifest.files().keySet()));
        assertEquals("2", Files.readString(dir.resolve("a.json")));
        assertEquals("two", Files.readString(dir.resolve("sub/b.txt")));
        assertEquals(List.of("model"), AtomicFilesTest.names(parent), "no staging or old folder left");
    }

    @Test
    void aDamagedFileIsNamed(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("model");
        AtomicFolder.write(dir, files("1", "one"));
        Files.writeString(dir.resolve("sub/b.txt"), "on");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomicFolder.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("sub/b.txt") + " is damaged") && e.getMessage().contains("fix:"),
                e.getMessage());
        Files.delete(dir.resolve("a.json"));
        e = assertThrows(IllegalArgumentException.class, () -> AtomicFolder.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("a.json") + " is missing"), e.getMessage());
    }

    @Test
    void aUsersFolderIsNeverReplaced(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve("mine"));
        Files.writeString(dir.resolve("report.html"), "my report");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AtomicFolder.write(dir, files("1", "one")));
        assertTrue(e.getMessage().contains("report.html") && e.getMessage().contains("Fix:"), e.getMessage());
        assertEquals(List.of("report.html"), AtomicFilesTest.names(dir));
        assertEquals(List.of("mine"), AtomicFilesTest.names(parent));
    }

    @Test
    void filesAddedToAFolderOfOursAreNeverDeleted(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("model");
        AtomicFolder.write(dir, files("1", "one"));
        Files.writeString(dir.resolve("predictions.csv"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AtomicFolder.write(dir, files("2", "two")));
        assertTrue(e.getMessage().contains("predictions.csv"), e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("predictions.csv")));
        assertEquals("1", Files.readString(dir.resolve("a.json")));
    }

    @Test
    void anEmptyFolderMayBeWrittenIntoAndAFileIsRefused(@TempDir Path parent) throws Exception {
        Path empty = Files.createDirectories(parent.resolve("empty"));
        AtomicFolder.write(empty, files("1", "one"));
        assertEquals("1", Files.readString(empty.resolve("a.json")));
        Path file = Files.writeString(parent.resolve("file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AtomicFolder.write(file, files("1", "one")));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> AtomicFolder.read(parent.resolve("none")));
    }

    @Test
    void aSwapInterruptedBetweenTheRenamesIsFinishedOnRead(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("model");
        AtomicFolder.write(dir, files("old", "old"));
        Path newer = parent.resolve("newer");
        AtomicFolder.write(newer, files("new", "new"));
        String stem = ".model.dl4jr-" + AtomicFilesTest.deadPid() + "-0123456789abcdef0123456789abcdef.";
        Files.move(dir, parent.resolve(stem + "old"));          // first rename done, then killed
        Files.move(newer, parent.resolve(stem + "staging"));

        AtomicFolder.read(dir);

        assertEquals("new", Files.readString(dir.resolve("a.json")));
        assertEquals(List.of("model"), AtomicFilesTest.names(parent));
    }

    @Test
    void aHalfWrittenStagingFolderOfAKilledWriterIsDeletedOnTheNextWrite(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("model");
        AtomicFolder.write(dir, files("old", "old"));
        Path staging = parent.resolve(".model.dl4jr-" + AtomicFilesTest.deadPid()
                + "-0123456789abcdef0123456789abcdef.staging");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("a.json"), "ha");

        assertEquals("old", Files.readString(dir.resolve("a.json")));
        AtomicFolder.write(dir, files("new", "new"));
        assertEquals(List.of("model"), AtomicFilesTest.names(parent));
    }
}
