package io.github.dl4jrecipes.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output paths are checked before any work: every case below names inputs that do not exist, so
 * an error about the output proves it came first (before data loading, training, the LR finder).
 */
class Dl4jRecipesOutputsTest {

    @TempDir
    Path dir;

    private Path missing(String name) {
        return dir.resolve("missing-" + name);
    }

    private void assertRefused(Dl4jRecipesTest.Run run, String... parts) {
        assertEquals(Dl4jRecipes.BAD_INPUT, run.code(), run.err());
        for (String part : parts) {
            assertTrue(run.err().contains(part), "'" + part + "' in: " + run.err());
        }
        assertTrue(run.err().contains("fix: "), run.err());
    }

    @Test
    void outputFolderThatIsAnExistingFileIsRefusedByEveryCommandThatWritesAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("results"), "the user's file");
        String csv = missing("data.csv").toString();
        String images = missing("photos").toString();
        List<String[]> commands = List.of(
                new String[] {"train", "tabular", "--csv", csv, "--target", "y", "--output", file.toString()},
                new String[] {"lr-find", "tabular", "--csv", csv, "--target", "y", "--output", file.toString()},
                new String[] {"train", "image", "--dir", images, "--output", file.toString()},
                new String[] {"lr-find", "image", "--dir", images, "--output", file.toString()});
        for (String[] args : commands) {
            assertRefused(Dl4jRecipesTest.run(args), "--output " + file + " is an existing file, not a folder");
        }
        assertEquals("the user's file", Files.readString(file));
    }

    @Test
    void studyThatIsAFileIsRefusedBeforeTheLrFinder() throws IOException {
        Path file = Files.writeString(dir.resolve("study"), "x");
        assertRefused(Dl4jRecipesTest.run("tune", "tabular", "--csv", missing("data.csv").toString(), "--target", "y",
                "--study", file.toString()), "--study " + file + " is an existing file");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void outputUnderAFileCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path output = file.resolve("model");
        assertRefused(Dl4jRecipesTest.run("train", "tabular", "--csv", missing("data.csv").toString(), "--target", "y",
                "--output", output.toString()), "--output " + output + " cannot be created: " + file + " is a file");
    }

    @Test
    void predictionsOverTheInputCsvAreRefusedAndTheInputKept() throws IOException {
        Path csv = Files.writeString(dir.resolve("rows.csv"), "x1,x2\n1,2\n");
        Dl4jRecipesTest.Run run = Dl4jRecipesTest.run("predict", "tabular", "--model", missing("model").toString(),
                "--csv", csv.toString(), "--output", dir.resolve(".").resolve("rows.csv").toString());
        assertRefused(run, "is the --csv input file", "writing it would replace your data");
        assertEquals("x1,x2\n1,2\n", Files.readString(csv));
    }

    @Test
    void predictImageRefusesAFolderOrAnInputImageAsOutput() throws IOException {
        Path image = Files.writeString(dir.resolve("cat.png"), "stands for an image");
        assertRefused(Dl4jRecipesTest.run("predict", "image", "--model", missing("model").toString(),
                "--output", dir.toString(), image.toString()), "--output " + dir + " is a folder, not a file");
        assertRefused(Dl4jRecipesTest.run("predict", "image", "--model", missing("model").toString(),
                "--output", image.toString(), image.toString()), "is the IMAGE " + image + " input file");
        assertEquals("stands for an image", Files.readString(image));
    }
}
