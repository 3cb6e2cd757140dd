package io.github.dl4jrecipes.recipes.augment;

import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a PNG so a person can see what a policy does: one row per sample image, the original in
 * the first column and augmented versions in the others. Pixels map to grey levels through the
 * minimum and maximum of the original samples, so standardised inputs show as well as [0, 1] ones
 * and lighting changes stay visible (values beyond that range are clipped).
 */
public final class AugmentationGrid {
    /** Pixels of padding between tiles. */
    private static final int GAP = 2;

    private AugmentationGrid() {
    }

    /**
     * @param png       the file to write (atomically: a temp file, then a rename)
     * @param images    features of the sample images, [n, c, h, w] or [n, c·h·w]; the first {@code rows} are used
     * @param shape     the image layout
     * @param policy    the augmentation to show
     * @param rows      sample images, at least 1
     * @param augmented augmented versions per image, at least 1
     * @param seed      seed of the augmentation
     */
    public static void write(Path png, INDArray images, ImageShape shape, Augment policy, int rows, int augmented,
                             long seed) throws IOException {
        if (rows < 1 || augmented < 1 || rows > images.size(0)) {
            throw new IllegalArgumentException(String.format(
                    "AugmentationGrid needs 1 <= rows <= %d (images given) and augmented >= 1, got rows %d, augmented %d",
                    images.size(0), rows, augmented));
        }
        INDArray sample = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows));
        BatchAugmenter augmenter = policy.preProcessor(shape, seed);
        int tileW = shape.width() + GAP;
        int tileH = shape.height() + GAP;
        BufferedImage grid = new BufferedImage((augmented + 1) * tileW, rows * tileH, BufferedImage.TYPE_INT_RGB);
        float min = sample.minNumber().floatValue();
        float span = Math.max(1e-6f, sample.maxNumber().floatValue() - min);
        draw(grid, sample, shape, 0, tileW, tileH, min, span);
        for (int col = 1; col <= augmented; col++) {
            draw(grid, augmenter.augment(new DataSet(sample, null)).getFeatures(), shape, col, tileW, tileH, min, span);
        }
        AtomicFiles.write(png, tmp -> {
            if (!ImageIO.write(grid, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this JVM");
            }
        });
    }

    private static void draw(BufferedImage grid, INDArray batch, ImageShape shape, int col, int tileW, int tileH,
                             float min, float span) {
        float[] pixels = Nd4j.toFlattened('c', batch.castTo(DataType.FLOAT)).toFloatVector();
        int plane = shape.height() * shape.width();
        for (int i = 0; i < batch.size(0); i++) {
            int offset = i * shape.size();
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    int rgb = 0;
                    for (int c = 0; c < 3; c++) {
                        int channel = Math.min(c, shape.channels() - 1);
                        float v = (pixels[offset + channel * plane + y * shape.width() + x] - min) / span;
                        rgb = (rgb << 8) | Math.round(255 * Math.max(0, Math.min(1, v)));
                    }
                    grid.setRGB(col * tileW + x, i * tileH + y, rgb);
                }
            }
        }
    }
}
