package io.github.dl4jrecipes.recipes.augment;

import org.datavec.image.transform.CropImageTransform;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.PipelineImageTransform;
import org.datavec.image.transform.RotateImageTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AugmentationGridTest {

    @Test
    void writesAPngWithOneRowPerImageAndTheOriginalFirst(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("grid.png");
        AugmentationGrid.write(png, Nd4j.rand(DataType.FLOAT, 5, 1, 10, 12), ImageShape.of(1, 10, 12),
                Augment.standard(), 3, 4, 1);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(5 * (12 + 2), image.getWidth());
        assertEquals(3 * (10 + 2), image.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no temp file left behind");
        }
    }

    @Test
    void badArgumentsWriteNothing(@TempDir Path dir) {
        Path png = dir.resolve("grid.png");
        assertThrows(IllegalArgumentException.class, () -> AugmentationGrid.write(png,
                Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4), ImageShape.of(1, 4, 4), Augment.light(), 3, 2, 1));
        assertFalse(Files.exists(png));
    }

    @Test
    void dataVecPipelineHoldsFlipRotationAndZoomCropWithTheirProbabilities() {
        ImageTransform t = Augment.standard().toImageTransform(ImageShape.of(3, 64, 64), 1);
        List<Pair<ImageTransform, Double>> steps = ((PipelineImageTransform) t).getImageTransforms();
        assertEquals(3, steps.size());
        assertInstanceOf(FlipImageTransform.class, steps.get(0).getFirst());
        assertEquals(0.5, steps.get(0).getSecond());
        assertInstanceOf(RotateImageTransform.class, steps.get(1).getFirst());
        assertEquals(0.75, steps.get(1).getSecond());
        assertInstanceOf(CropImageTransform.class, steps.get(2).getFirst());

        List<Pair<ImageTransform, Double>> none = ((PipelineImageTransform) Augment.none()
                .toImageTransform(ImageShape.of(3, 64, 64), 1)).getImageTransforms();
        assertEquals(0, none.size());
    }
}
