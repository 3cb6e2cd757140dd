package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A study never writes into a folder that is not a study, and a study.json that is not ours is named. */
class StudyStoreTest {

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFolderWithOtherFilesAndNoStudyJsonIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("report.html"), "my report");
        Files.writeString(dir.resolve("leaderboard.csv"), "my table");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyStore.open(dir, "fp", "space", List.of(Direction.MAXIMIZE), "strategy", null));
        assertTrue(e.getMessage().startsWith("study directory " + dir.toAbsolutePath() + " is not a study (no study.json)")
                && e.getMessage().contains("leaderboard.csv, report.html") && e.getMessage().contains("Fix:"),
                e.getMessage());
        assertEquals(List.of("leaderboard.csv", "report.html"), names(dir), "nothing created or overwritten");
        assertEquals("my report", Files.readString(dir.resolve("report.html")));
    }

    @Test
    void aFileIsRefusedAndAnEmptyFolderOrAStudyIsOpened(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("study"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyStore.open(file, "fp", "space", List.of(Direction.MAXIMIZE), "strategy", null));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        StudyStore.open(empty, "fp", "space", List.of(Direction.MAXIMIZE), "strategy", null);
        StudyStore.open(empty, "fp", "space", List.of(Direction.MAXIMIZE), "strategy", null);
        assertTrue(Files.isRegularFile(empty.resolve("study.json")));
    }

    @Test
    void aStudyJsonThatIsNotOursIsNamedInsteadOfANullPointer(@TempDir Path dir) throws Exception {
        for (String json : List.of("{}", "{\"format\": 1, \"fingerprint\": \"fp\"}", "not json", "")) {
            Files.writeString(dir.resolve("study.json"), json);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StudyStore.open(dir, "fp", "space", List.of(Direction.MAXIMIZE), "strategy", null), json);
            assertTrue(e.getMessage().startsWith(dir.toAbsolutePath().resolve("study.json")
                    + " is not a dl4j-recipes study file (") && e.getMessage().contains("fix:"), e.getMessage());
        }
    }
}
