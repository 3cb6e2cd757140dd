package io.github.dl4jrecipes.examples.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Tiny image folders for tests: grey PNGs of three flip-invariant classes on noise. */
public final class PngFolders {

    /** The class folders, sorted as ImageFolders sorts them. */
    public static final List<String> CLASSES = List.of("bottom", "centre", "top");
    /** Side of every image. */
    public static final int SIDE = 16;

    private PngFolders() {
    }

    /** Writes {@code perClass} images of each class under {@code root/<class>/}. */
    public static Path write(Path root, int perClass) throws IOException {
        Random random = new Random(3);
        for (String name : CLASSES) {
            Path dir = Files.createDirectories(root.resolve(name));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(image(name, random), "png", dir.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    /** One image of class {@code name}. */
    public static BufferedImage image(String name, Random random) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                boolean on = switch (name) {
                    case "bottom" -> y >= SIDE / 2;
                    case "centre" -> Math.abs(y - SIDE / 2) < SIDE / 4 && Math.abs(x - SIDE / 2) < SIDE / 4;
                    default -> y < SIDE / 2;
                };
                image.getRaster().setSample(x, y, 0, (on ? 180 : 0) + random.nextInt(60));
            }
        }
        return image;
    }
}
