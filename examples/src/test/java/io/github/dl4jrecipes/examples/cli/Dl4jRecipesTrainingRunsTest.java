package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.examples.image.PngFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training runs from the command line that must stop or refuse: divergence, unreadable images. */
class Dl4jRecipesTrainingRunsTest {

    @TempDir
    Path dir;

    @Test
    void divergingTrainingStopsWithExitCode3AndWritesNoModel() throws IOException {
        Path table = Dl4jRecipesTest.tinyTable(dir.resolve("tiny.csv"), 60, 1, true, null);
        Path output = dir.resolve("model");
        Dl4jRecipesTest.Run run = Dl4jRecipesTest.run("train", "tabular", "--csv", table.toString(), "--target", "label",
                "--output", output.toString(), "--epochs", "30", "--max-lr", "1e30");
        assertEquals(Dl4jRecipes.TRAINING_FAILED, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("Training diverged at iteration"), run.err());
        assertFalse(Files.exists(output.resolve("model.zip")), "no model of a diverged run");
    }

    /** A truncated PNG, a 0-byte JPG and text named .png among good class folders. */
    private static Path photosWithBadFiles(Path root) throws IOException {
        PngFolders.write(root, 4);
        Path good = Files.list(root.resolve(PngFolders.CLASSES.get(0))).findFirst().orElseThrow();
        byte[] png = Files.readAllBytes(good);
        Files.write(root.resolve(PngFolders.CLASSES.get(0)).resolve("truncated.png"),
                java.util.Arrays.copyOf(png, png.length / 2));
        Files.write(root.resolve(PngFolders.CLASSES.get(1)).resolve("empty.jpg"), new byte[0]);
        Files.writeString(root.resolve(PngFolders.CLASSES.get(2)).resolve("notes.png"), "not an image");
        return root;
    }

    @Test
    void unreadableImagesFailTrainImageUnlessSkippedAndAreCountedAtTheEnd() throws IOException {
        Path photos = photosWithBadFiles(dir.resolve("photos"));
        Path refused = dir.resolve("refused");
        Dl4jRecipesTest.Run strict = Dl4jRecipesTest.run("train", "image", "--dir", photos.toString(), "--size", "16",
                "--channels", "1", "--epochs", "1", "--batch-size", "8", "--max-lr", "3e-3", "--augment", "none",
                "--output", refused.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, strict.code(), strict.err());
        assertTrue(strict.err().contains("--dir " + photos + ": 3 image(s) cannot be read"), strict.err());
        assertTrue(strict.err().contains("--skip-unreadable"), strict.err());
        assertFalse(Files.exists(refused), "nothing written");

        Path model = dir.resolve("model");
        Dl4jRecipesTest.Run skipping = Dl4jRecipesTest.run("train", "image", "--dir", photos.toString(), "--size", "16",
                "--channels", "1", "--epochs", "1", "--batch-size", "8", "--max-lr", "3e-3", "--augment", "none",
                "--skip-unreadable", "--output", model.toString());
        assertEquals(Dl4jRecipes.OK, skipping.code(), skipping.err());
        String[] lines = skipping.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].startsWith("skipped 3 unreadable image(s)"), skipping.out());
    }
}
