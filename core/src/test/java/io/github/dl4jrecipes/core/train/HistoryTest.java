package io.github.dl4jrecipes.core.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryTest {

    static History sample() {
        return History.empty("accuracy", true)
                .withEpoch(new EpochRecord(1, 0.9, 0.61, 0.95, 0.58, 3e-3, 1.25, 812.5))
                .withEpoch(new EpochRecord(2, 0.5, 0.8, 0.6, 0.77, 1.0 / 3.0, 1.5, 900))
                .withEpoch(new EpochRecord(3, 0.4, 0.85, Double.NaN, Double.NaN, 1e-4, 0.1, 1e6));
    }

    @Test
    void jsonRoundTripIsExactIncludingNaN() {
        History h = sample();
        History back = History.fromJson(h.toJson());
        assertEquals(h, back);
        assertTrue(Double.isNaN(back.epochs().get(2).validLoss()));
    }

    @Test
    void csvRoundTripIsExact(@TempDir Path dir) throws Exception {
        History h = sample();
        h.writeCsv(dir.resolve("h.csv"));
        assertEquals(h, History.readCsv(dir.resolve("h.csv")));
        List<String> lines = Files.readAllLines(dir.resolve("h.csv"));
        assertEquals(String.join(",", History.CSV_COLUMNS), lines.get(1));
        assertEquals(5, lines.size());
    }

    @Test
    void jsonFileRoundTrip(@TempDir Path dir) throws Exception {
        History h = sample();
        h.writeJson(dir.resolve("sub/h.json"));
        assertEquals(h, History.readJson(dir.resolve("sub/h.json")));
    }

    @Test
    void filesGetTheUsualPermissionsNotPrivateTempOnes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("h.json");
        sample().writeJson(f);
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void csvWithBadNumberNamesLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("h.csv");
        String csv = sample().toCsv().replace("0.61", "zero");
        Files.writeString(f, csv);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> History.readCsv(f));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("train_metric"), e.getMessage());
        assertTrue(e.getMessage().contains("'zero'"), e.getMessage());
    }

    @Test
    void epochsMustBeConsecutive() {
        History h = History.empty("accuracy", true);
        EpochRecord e3 = new EpochRecord(3, 1, 1, 1, 1, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.withEpoch(e3));
        assertTrue(e.getMessage().contains("expected 1"), e.getMessage());
    }

    @Test
    void bestFollowsTheMetricDirection() {
        History up = History.empty("accuracy", true)
                .withEpoch(new EpochRecord(1, 1, 0.5, 1, 0.5, 1, 1, 1))
                .withEpoch(new EpochRecord(2, 1, 0.7, 1, 0.9, 1, 1, 1))
                .withEpoch(new EpochRecord(3, 1, 0.9, 1, 0.9, 1, 1, 1));
        assertEquals(2, up.best().orElseThrow().epoch());
        History down = new History("mse", false, up.epochs());
        assertEquals(1, down.best().orElseThrow().epoch());
        assertFalse(History.empty("mse", false).best().isPresent());
    }

    @Test
    void plotWritesAValidPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("curves.png");
        sample().plot(png);
        assertTrue(PngAssert.isPng(png));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > img.getHeight(), "three panels side by side");
    }
}
