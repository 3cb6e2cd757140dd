package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.examples.image.ImageModelFolder;
import io.github.dl4jrecipes.examples.image.PngFolders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train image} and {@code predict image} on tiny generated PNG folders: exit codes, outputs, errors. */
class Dl4jRecipesImageTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path data = PngFolders.write(dir.resolve("data"), 12);
        model = dir.resolve("model");
        Dl4jRecipesTest.Run train = Dl4jRecipesTest.run("train", "image", "--dir", data.toString(), "--size", "16",
                "--channels", "1", "--epochs", "3", "--batch-size", "8", "--max-lr", "3e-3", "--augment", "none",
                "--output", model.toString());
        assertEquals(Dl4jRecipes.OK, train.code(), train.err());
        assertTrue(train.out().contains("Test accuracy"), train.out());
    }

    @Test
    void trainWritesTheModelFolder() {
        for (String file : List.of(ImageModelFolder.MODEL, ImageModelFolder.IMAGES, "model.card.json",
                "model.history.json", "history.png", "confusion.png", "augmented.png")) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file);
        }
    }

    @Test
    void predictLabelsFilesAndFoldersOfImages() throws IOException {
        Path images = Files.createDirectories(dir.resolve("new"));
        Random random = new Random(9);
        for (String name : PngFolders.CLASSES) {
            ImageIO.write(PngFolders.image(name, random), "png", images.resolve(name + ".png").toFile());
        }
        Path single = dir.resolve("single.png");
        ImageIO.write(PngFolders.image("top", random), "png", single.toFile());
        Path output = dir.resolve("labels.csv");
        Dl4jRecipesTest.Run predict = Dl4jRecipesTest.run("predict", "image", "--model", model.toString(),
                "--output", output.toString(), images.toString(), single.toString());
        assertEquals(Dl4jRecipes.OK, predict.code(), predict.err());
        assertTrue(predict.out().contains("wrote 4 labels"), predict.out());
        List<String> lines = Files.readAllLines(output);
        assertEquals("file,predicted_label,probability,probability_bottom,probability_centre,probability_top",
                lines.get(0));
        assertEquals(5, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertTrue(PngFolders.CLASSES.contains(cells[1]), line);
            double sum = Double.parseDouble(cells[3]) + Double.parseDouble(cells[4]) + Double.parseDouble(cells[5]);
            assertEquals(1.0, sum, 1e-4, line);
        }
    }

    @Test
    void anUnreadableImageFailsNamingItAndWritesNothing() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.png"), "not an image");
        Path output = dir.resolve("never.csv");
        Dl4jRecipesTest.Run predict = Dl4jRecipesTest.run("predict", "image", "--model", model.toString(),
                "--output", output.toString(), junk.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, predict.code());
        assertTrue(predict.err().contains(junk.toString()), predict.err());
        assertFalse(predict.err().contains("\tat "), "no stack trace without --debug: " + predict.err());
        assertFalse(Files.exists(output));
    }

    @Test
    void aFolderThatIsNotAnImageModelIsRefused() {
        Dl4jRecipesTest.Run predict = Dl4jRecipesTest.run("predict", "image", "--model", dir.resolve("data").toString(),
                "--output", dir.resolve("x.csv").toString(), dir.resolve("data").toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, predict.code());
        assertTrue(predict.err().contains("has no images.json"), predict.err());
    }

    @Test
    void trainOnAMissingFolderFailsWithoutOutput() {
        Path out = dir.resolve("nothing");
        Dl4jRecipesTest.Run train = Dl4jRecipesTest.run("train", "image", "--dir", dir.resolve("missing").toString(),
                "--output", out.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, train.code());
        assertTrue(train.err().contains("missing"), train.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void helpNamesTheImageSubcommands() {
        Dl4jRecipesTest.Run help = Dl4jRecipesTest.run("train", "image", "--help");
        assertEquals(Dl4jRecipes.OK, help.code());
        assertTrue(help.out().contains("--dir"), help.out());
        assertTrue(Dl4jRecipesTest.run("predict", "--help").out().contains("image"));
    }
}
