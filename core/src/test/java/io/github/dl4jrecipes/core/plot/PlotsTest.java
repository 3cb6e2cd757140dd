package io.github.dl4jrecipes.core.plot;

import io.github.dl4jrecipes.core.train.PngAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {

    @Test
    void heatMapIsAValidPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("cm.png");
        Plots.heatMap("confusion", "actual", "predicted", List.of("a", "b", "c"),
                new int[][] {{5, 1, 0}, {2, 7, 1}, {0, 0, 9}}, png);
        assertTrue(PngAssert.isPng(png));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void curvesWithOnlyNaNStillDraw(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("nan.png");
        Plots.panels(List.of(Panel.of("t", "x", "y",
                List.of(new Curve("c", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN})))), png);
        assertTrue(PngAssert.isPng(png));
    }

    @Test
    void nonSquareHeatMapIsRejected(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.heatMap(
                "t", "r", "c", List.of("a", "b"), new int[][] {{1, 2}, {3}}, dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void curveLengthsMustMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Curve("c", new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
    }
}
