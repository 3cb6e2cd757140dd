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
                "--tta", "--output", model.toString());
        assertEquals(Dl4jRecipes.OK, train.code(), train.err());
        assertTrue(train.out().contains("Test accuracy"), train.out());
        assertTrue(train.out().contains("Test accuracy with test-time augmentation"), train.out());
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
    void evaluateScoresALabelledFolderWithAndWithoutTta() {
        Dl4jRecipesTest.Run evaluate = Dl4jRecipesTest.run("evaluate", "image", "--model", model.toString(),
                "--dir", dir.resolve("data").toString(), "--tta");
        assertEquals(Dl4jRecipes.OK, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().matches("(?s)accuracy (0|1)\\.\\d{4} on 36 images.*"), evaluate.out());
        assertTrue(evaluate.out().contains("accuracy with test-time augmentation"), evaluate.out());
        for (String name : PngFolders.CLASSES) {
            assertTrue(evaluate.out().contains(name), "confusion matrix names " + name + ": " + evaluate.out());
        }
    }

    @Test
    void evaluateAcceptsASubsetOfTheClassesAndRefusesAnUnknownOne() throws IOException {
        Path subset = PngFolders.write(dir.resolve("subset"), 2);
        deleteTree(subset.resolve("centre"));
        Dl4jRecipesTest.Run evaluate = Dl4jRecipesTest.run("evaluate", "image", "--model", model.toString(),
                "--dir", subset.toString());
        assertEquals(Dl4jRecipes.OK, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("on 4 images"), evaluate.out());

        Files.move(subset.resolve("top"), subset.resolve("sideways"));
        Dl4jRecipesTest.Run unknown = Dl4jRecipesTest.run("evaluate", "image", "--model", model.toString(),
                "--dir", subset.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("class folder 'sideways' is not one of the model's classes"), unknown.err());
    }

    @Test
    void lrFindImageWritesTheCurve() {
        Path out = dir.resolve("lr");
        Dl4jRecipesTest.Run find = Dl4jRecipesTest.run("lr-find", "image", "--dir", dir.resolve("data").toString(),
                "--size", "16", "--channels", "1", "--batch-size", "8", "--augment", "none", "--output", out.toString());
        assertEquals(Dl4jRecipes.OK, find.code(), find.err());
        assertTrue(find.out().contains("suggested peak LR"), find.out());
        assertTrue(Files.isRegularFile(out.resolve(LrFindOutput.CSV)));
        assertTrue(Files.isRegularFile(out.resolve(LrFindOutput.PNG)));
    }

    @Test
    void lrFindImageOnAMissingFolderFailsWithoutOutput() {
        Path out = dir.resolve("no-lr");
        Dl4jRecipesTest.Run find = Dl4jRecipesTest.run("lr-find", "image", "--dir", dir.resolve("missing").toString(),
                "--output", out.toString());
        assertEquals(Dl4jRecipes.BAD_INPUT, find.code());
        assertTrue(find.err().contains("missing"), find.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void tuneImageTunesOnAFolderWithTheRecipeAsGivenFirstAndResumes() throws IOException {
        Path study = dir.resolve("image-study");
        String[] args = {"tune", "image", "--dir", dir.resolve("data").toString(), "--size", "16", "--channels", "1",
            "--batch-size", "8", "--augment", "none", "--strategy", "random", "--trials", "2", "--max-epochs", "1",
            "--study", study.toString(), "--enqueue", "augment=light"};
        Dl4jRecipesTest.Run tune = Dl4jRecipesTest.run(args);
        assertEquals(Dl4jRecipes.OK, tune.code(), tune.err());
        assertTrue(tune.out().contains("best trial"), tune.out());
        assertTrue(Files.readString(study.resolve("trials/00001.json")).contains("\"AS_GIVEN\""));
        String second = Files.readString(study.resolve("trials/00002.json"));
        assertTrue(second.contains("\"QUEUED\"") && second.contains("\"augment\" : \"light\""), second);
        List<String> leaderboard = Files.readAllLines(study.resolve("leaderboard.csv"));
        assertEquals(1 + 2, leaderboard.size(), leaderboard.toString());
        Dl4jRecipesTest.Run again = Dl4jRecipesTest.run(args);
        assertEquals(Dl4jRecipes.OK, again.code(), again.err());
        assertEquals(leaderboard, Files.readAllLines(study.resolve("leaderboard.csv")), "a finished study is reused");

        Dl4jRecipesTest.Run neither = Dl4jRecipesTest.run("tune", "image", "--study", dir.resolve("x").toString());
        assertEquals(Dl4jRecipes.USAGE, neither.code());
        assertTrue(neither.err().contains("give either --dir DIR or --fashion-mnist, got neither"), neither.err());
        Dl4jRecipesTest.Run both = Dl4jRecipesTest.run("tune", "image", "--fashion-mnist", "--dir",
                dir.resolve("data").toString(), "--study", dir.resolve("y").toString());
        assertEquals(Dl4jRecipes.USAGE, both.code());
        assertTrue(both.err().contains("not both"), both.err());
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")), "nothing written");
    }

    @Test
    void tuneImageTunesOnFashionMnistSubsets() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Fashion-MNIST is not installed (apt-get install -y dataset-fashion-mnist)");
        Path study = dir.resolve("fashion-study");
        Dl4jRecipesTest.Run tune = Dl4jRecipesTest.run("tune", "image", "--fashion-mnist", "--data",
                "/usr/share/datasets/fashion-mnist", "--train-subset", "64", "--valid-subset", "32", "--batch-size",
                "32", "--augment", "none", "--strategy", "random", "--trials", "1", "--max-epochs", "1", "--study",
                study.toString());
        assertEquals(Dl4jRecipes.OK, tune.code(), tune.err());
        assertTrue(tune.out().contains("best trial 1"), tune.out());
        Dl4jRecipesTest.Run none = Dl4jRecipesTest.run("tune", "image", "--fashion-mnist", "--train-subset", "0",
                "--study", dir.resolve("z").toString());
        assertEquals(Dl4jRecipes.USAGE, none.code());
        assertTrue(none.err().contains("--train-subset and --valid-subset must be >= 1, got 0 and 1000"), none.err());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void helpNamesTheImageSubcommands() {
        Dl4jRecipesTest.Run help = Dl4jRecipesTest.run("train", "image", "--help");
        assertEquals(Dl4jRecipes.OK, help.code());
        assertTrue(help.out().contains("--dir"), help.out());
        for (String group : List.of("predict", "evaluate", "lr-find", "tune")) {
            assertTrue(Dl4jRecipesTest.run(group, "--help").out().contains("image"), group);
        }
    }
}
