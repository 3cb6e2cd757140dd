package io.github.dl4jrecipes.recipes.augment;

import io.github.dl4jrecipes.recipes.augment.internal.ImageOps;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageOpsTest {

    @Test
    void rotationBy90DegreesTurnsTheImage() {
        // 3x3: a single bright pixel at the top-middle
        float[] src = {0, 1, 0, 0, 0, 0, 0, 0, 0};
        float[] dst = new float[9];
        ImageOps.affine(src, dst, 1, 3, 3, ImageOps.inverseTransform(3, 3, 90, 1, 0, 0, false));
        // counter-clockwise in image coordinates (y down): top-middle goes to a side-middle
        assertEquals(1f, dst[3] + dst[5], 1e-6);
        assertEquals(0f, dst[1], 1e-6);
        assertEquals(1f, sum(dst), 1e-6);
    }

    @Test
    void identityAndFlipAreExact() {
        float[] src = {1, 2, 3, 4, 5, 6};
        float[] dst = new float[6];
        ImageOps.affine(src, dst, 1, 2, 3, ImageOps.inverseTransform(2, 3, 0, 1, 0, 0, false));
        assertArrayEquals(src, dst);
        ImageOps.affine(src, dst, 1, 2, 3, ImageOps.inverseTransform(2, 3, 0, 1, 0, 0, true));
        assertArrayEquals(new float[]{3, 2, 1, 6, 5, 4}, dst);
    }

    @Test
    void zoomKeepsTheCentreAndShiftMovesIt() {
        float[] src = new float[25];
        src[12] = 1;
        float[] dst = new float[25];
        ImageOps.affine(src, dst, 1, 5, 5, ImageOps.inverseTransform(5, 5, 0, 2, 0, 0, false));
        assertEquals(1f, dst[12], 1e-6);
        ImageOps.affine(src, dst, 1, 5, 5, ImageOps.inverseTransform(5, 5, 0, 1, 1, 0, false));
        assertEquals(1f, dst[13], 1e-6, "shifted one pixel right");
    }

    @Test
    void lightingScalesAroundTheMeanWithinTheImagesRange() {
        float[] contrast = {0, 1, 2, 3};
        ImageOps.lighting(contrast, 0, 4, 1, 2);
        assertArrayEquals(new float[]{0f, 0.5f, 2.5f, 3f}, contrast, 1e-6f);
        float[] darker = {0, 1, 2, 3};
        ImageOps.lighting(darker, 0, 4, 0.5, 1);
        assertArrayEquals(new float[]{0f, 0.5f, 1f, 1.5f}, darker, 1e-6f);
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
