package io.github.dl4jrecipes.recipes.augment.internal;

/**
 * Pixel operations on one image held as a float array in {@code [channels, height, width]} order.
 * Not API: {@code Augment} and {@code BatchAugmenter} are.
 */
public final class ImageOps {
    private ImageOps() {
    }

    /**
     * Writes into {@code dst} the image {@code src} seen through an affine map: each output pixel
     * {@code (x, y)} takes the bilinear sample of {@code src} at {@code inverse · (x, y, 1)}.
     * Outside the image, coordinates reflect at the border (fastai's default padding).
     *
     * @param inverse row-major 2×3 matrix from output to source pixel coordinates
     */
    public static void affine(float[] src, float[] dst, int channels, int height, int width, double[] inverse) {
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sx = reflect(inverse[0] * x + inverse[1] * y + inverse[2], width);
                double sy = reflect(inverse[3] * x + inverse[4] * y + inverse[5], height);
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                int x1 = Math.min(x0 + 1, width - 1);
                int y1 = Math.min(y0 + 1, height - 1);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    float top = src[base + y0 * width + x0] * (1 - fx) + src[base + y0 * width + x1] * fx;
                    float bottom = src[base + y1 * width + x0] * (1 - fx) + src[base + y1 * width + x1] * fx;
                    dst[base + y * width + x] = top * (1 - fy) + bottom * fy;
                }
            }
        }
    }

    /**
     * The inverse map for a rotation by {@code degrees} and a zoom by {@code zoom} about the image
     * centre, the centre moved by {@code (shiftX, shiftY)} pixels, optionally mirrored left-right.
     */
    public static double[] inverseTransform(int height, int width, double degrees, double zoom,
                                            double shiftX, double shiftY, boolean flip) {
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        double theta = Math.toRadians(degrees);
        double cos = Math.cos(theta) / zoom;
        double sin = Math.sin(theta) / zoom;
        double f = flip ? -1 : 1;
        // source = R(-θ)/zoom · (f·(x - cx), y - cy) + (cx, cy) - shift
        return new double[]{
            f * cos, sin, cx - shiftX - f * cos * cx - sin * cy,
            -f * sin, cos, cy - shiftY + f * sin * cx - cos * cy};
    }

    /** Mirrors {@code v} into [0, size - 1] like a reflection pad. */
    static double reflect(double v, int size) {
        if (size == 1) {
            return 0;
        }
        double period = 2.0 * (size - 1);
        double m = v % period;
        if (m < 0) {
            m += period;
        }
        return m <= size - 1 ? m : period - m;
    }

    /**
     * Lighting, in place: {@code brightness · ((x - mean) · contrast + mean)} over all channels,
     * clipped to the image's own range so black stays black and white stays white (as torchvision's
     * colour jitter clamps to its value range).
     */
    public static void lighting(float[] image, int offset, int length, double brightness, double contrast) {
        double sum = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + length; i++) {
            sum += image[i];
            min = Math.min(min, image[i]);
            max = Math.max(max, image[i]);
        }
        double mean = sum / length;
        for (int i = offset; i < offset + length; i++) {
            double v = brightness * ((image[i] - mean) * contrast + mean);
            image[i] = (float) Math.max(min, Math.min(max, v));
        }
    }

    /** Fills the rectangle {@code [top, top+h) × [left, left+w)} of every channel with {@code values}. */
    public static void erase(float[] image, int offset, int channels, int height, int width,
                             int top, int left, int h, int w, java.util.function.DoubleSupplier values) {
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int y = top; y < top + h; y++) {
                for (int x = left; x < left + w; x++) {
                    image[offset + c * plane + y * width + x] = (float) values.getAsDouble();
                }
            }
        }
    }
}
