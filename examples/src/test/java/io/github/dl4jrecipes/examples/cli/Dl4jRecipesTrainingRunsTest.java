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

    @Test
    void trainTabularWithCheckpointsResumesTheSameCommandExactlyAndRefusesChangedSettings() throws IOException {
        Path table = Dl4jRecipesTest.tinyTable(dir.resolve("tiny.csv"), 80, 1, true, null);
        Path rows = Dl4jRecipesTest.tinyTable(dir.resolve("rows.csv"), 20, 2, false, null);
        Path output = dir.resolve("model");
        Path checkpoints = dir.resolve("ckpt");
        String[] train = {"train", "tabular", "--csv", table.toString(), "--target", "label", "--output",
            output.toString(), "--epochs", "4", "--max-lr", "0.03", "--checkpoints", checkpoints.toString()};
        Dl4jRecipesTest.Run first = Dl4jRecipesTest.run(train);
        assertEquals(Dl4jRecipes.OK, first.code(), first.err());
        assertTrue(Files.exists(checkpoints.resolve("epoch-0004.json")));
        String uninterrupted = predictions(output, rows, "a.csv");

        for (String stem : new String[] {"epoch-0003", "epoch-0004"}) {   // as if killed during epoch 3
            Files.delete(checkpoints.resolve(stem + ".json"));
            Files.delete(checkpoints.resolve(stem + ".zip"));
        }
        Dl4jRecipesTest.Run again = Dl4jRecipesTest.run(train);
        assertEquals(Dl4jRecipes.OK, again.code(), again.err());
        assertTrue(Files.exists(checkpoints.resolve("epoch-0004.json")), "epochs 3 and 4 trained again");
        assertEquals(uninterrupted, predictions(output, rows, "b.csv"), "resumed run predicts as the uninterrupted one");

        train[train.length - 3] = "0.01";   // --max-lr
        Dl4jRecipesTest.Run changed = Dl4jRecipesTest.run(train);
        assertEquals(Dl4jRecipes.BAD_INPUT, changed.code(), changed.err());
        assertTrue(changed.err().contains("was made with other settings: recipe.maxLr is 0.03"), changed.err());
        assertTrue(changed.err().contains("use an empty checkpoint directory"), changed.err());
    }

    @Test
    void checkpointsInsideTheOutputFolderAreRefusedUpFront() {
        Path output = dir.resolve("model");
        Dl4jRecipesTest.Run run = Dl4jRecipesTest.run("train", "tabular", "--csv", dir.resolve("missing.csv").toString(),
                "--target", "label", "--output", output.toString(), "--checkpoints", output.resolve("ckpt").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, run.code(), run.err());
        assertTrue(run.err().contains("--checkpoints " + output.resolve("ckpt") + " and --output " + output + " overlap"),
                run.err());
    }

    @Test
    void trainImageWithCheckpointsResumesAndRefusesAnotherSeed() throws IOException {
        Path photos = PngFolders.write(dir.resolve("photos"), 4);
        Path checkpoints = dir.resolve("ckpt");
        String[] train = {"train", "image", "--dir", photos.toString(), "--size", "16", "--channels", "1",
            "--epochs", "2", "--batch-size", "8", "--max-lr", "3e-3", "--output", dir.resolve("model").toString(),
            "--checkpoints", checkpoints.toString(), "--seed", "42"};
        Dl4jRecipesTest.Run first = Dl4jRecipesTest.run(train);
        assertEquals(Dl4jRecipes.OK, first.code(), first.err());
        assertTrue(Files.exists(checkpoints.resolve("epoch-0002.json")));
        train[train.length - 1] = "7";
        Dl4jRecipesTest.Run changed = Dl4jRecipesTest.run(train);
        assertEquals(Dl4jRecipes.BAD_INPUT, changed.code(), changed.err());
        assertTrue(changed.err().contains("was made with other settings"), changed.err());
    }

    private static String predictions(Path model, Path rows, String name) throws IOException {
        Path output = rows.resolveSibling(name);
        Dl4jRecipesTest.Run predict = Dl4jRecipesTest.run("predict", "tabular", "--model", model.toString(), "--csv",
                rows.toString(), "--output", output.toString());
        assertEquals(Dl4jRecipes.OK, predict.code(), predict.err());
        return Files.readString(output);
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
