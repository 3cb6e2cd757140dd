package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.train.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderSampleTest {

    private static final int SIDE = 16;

    /** Three classes of grey PNGs: bright top, bright bottom, bright centre, on noise. */
    static Path imageFolders(Path root, int perClass) throws Exception {
        Random random = new Random(3);
        String[] classes = {"bottom", "centre", "top"};
        for (int c = 0; c < classes.length; c++) {
            Path dir = Files.createDirectories(root.resolve(classes[c]));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        boolean on = switch (c) {
                            case 0 -> y >= SIDE / 2;
                            case 1 -> Math.abs(y - SIDE / 2) < SIDE / 4 && Math.abs(x - SIDE / 2) < SIDE / 4;
                            default -> y < SIDE / 2;
                        };
                        int grey = (on ? 180 : 0) + random.nextInt(60);
                        image.getRaster().setSample(x, y, 0, grey);
                    }
                }
                ImageIO.write(image, "png", dir.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    @Test
    void trainsOnAFolderOfClassSubfoldersAndWritesEveryOutput(@TempDir Path tmp) throws Exception {
        Path data = imageFolders(tmp.resolve("data"), 10);
        Path out = tmp.resolve("out");
        int code = new CommandLine(new ImageFolderSample()).execute("--dir", data.toString(), "--size", "16",
                "--channels", "1", "--epochs", "2", "--batch", "8", "--lr", "3e-3", "--augment", "light",
                "--out", out.toString());
        assertEquals(0, code);
        for (String file : new String[] {"model.zip", "model.card.json", "model.history.json", "history.png",
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
        int code = cli.execute("--dir", tmp.resolve("missing").toString(), "--out", tmp.resolve("out").toString());
        assertNotEquals(0, code);
        assertTrue(Files.notExists(tmp.resolve("out")));
    }
}
