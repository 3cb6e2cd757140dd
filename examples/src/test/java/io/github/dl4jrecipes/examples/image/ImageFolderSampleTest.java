package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.train.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderSampleTest {

    @Test
    void trainsOnAFolderOfClassSubfoldersAndWritesEveryOutput(@TempDir Path tmp) throws Exception {
        Path data = PngFolders.write(tmp.resolve("data"), 10);
        Path out = tmp.resolve("out");
        int code = new CommandLine(new ImageFolderSample()).execute("--dir", data.toString(), "--size", "16",
                "--channels", "1", "--epochs", "2", "--batch-size", "8", "--max-lr", "3e-3", "--augment", "light",
                "--output", out.toString());
        assertEquals(0, code);
        for (String file : new String[] {"model.zip", "model.card.json", "model.history.json", "history.png", "images.json",
                "history.csv", "confusion.png", "confusion.txt", "augmented.png"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        ModelCard card = ModelCard.readJson(out.resolve("model.card.json"));
        assertEquals("[1, 16, 16]", card.settings().get("recipe.imageShape"));
        assertEquals("3", card.settings().get("recipe.classes"));
        assertTrue(Files.readString(out.resolve("confusion.txt")).contains("centre"));
    }

    @Test
    void aMissingFolderFailsWithAMessageAndNoOutput(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ImageFolderSample());
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("--dir", tmp.resolve("missing").toString(), "--output", tmp.resolve("out").toString());
        assertNotEquals(0, code);
        assertTrue(Files.notExists(tmp.resolve("out")));
    }
}
