package io.github.dl4jrecipes.core.train;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Checks that a file is a PNG that decodes. */
public final class PngAssert {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngAssert() {
    }

    /** Whether the file starts with the PNG signature and ImageIO decodes it. */
    public static boolean isPng(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SIGNATURE.length);
        }
        return Arrays.equals(SIGNATURE, head) && ImageIO.read(file.toFile()) != null;
    }
}
