package io.github.dl4jrecipes.examples.tabular;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvRowsTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackQuotedValuesInHeaderOrder() throws IOException {
        Path file = dir.resolve("out.csv");
        CsvRows.write(file, List.of("name", "note"), List.of(List.of("a", "x, with comma"), List.of("b", "")));
        CsvRows rows = CsvRows.read(file);
        assertEquals(List.of("name", "note"), rows.header());
        assertEquals(Map.of("name", "a", "note", "x, with comma"), rows.rows().get(0));
        assertEquals("", rows.rows().get(1).get("note"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void raggedRowsEmptyAndMissingFilesNameTheFileAndTheFix() throws IOException {
        Path ragged = Files.write(dir.resolve("ragged.csv"), List.of("a,b", "1,2", "3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvRows.read(ragged));
        assertEquals("CSV " + ragged + " line 3 has 1 fields but the header has 2; fix: give every row one value per "
                + "column", e.getMessage());
        Path empty = Files.write(dir.resolve("empty.csv"), List.of());
        e = assertThrows(IllegalArgumentException.class, () -> CsvRows.read(empty));
        assertTrue(e.getMessage().contains("is empty; fix:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvRows.read(dir.resolve("absent.csv")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
