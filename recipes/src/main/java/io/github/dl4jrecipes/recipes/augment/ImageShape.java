package io.github.dl4jrecipes.recipes.augment;

/**
 * The layout of one image in a batch: {@code [channels, height, width]} (DL4J's NCHW). Batches may
 * hold images as {@code [n, channels, height, width]} or flattened as {@code [n, channels·height·width]}.
 *
 * @param channels 1 for grey, 3 for RGB
 * @param height   rows of pixels
 * @param width    columns of pixels
 */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(String.format(
                    "ImageShape needs channels, height and width >= 1, got [%d, %d, %d]; "
                            + "e.g. ImageShape.of(1, 28, 28) for Fashion-MNIST", channels, height, width));
        }
    }

    /** The shape {@code [channels, height, width]}. */
    public static ImageShape of(int channels, int height, int width) {
        return new ImageShape(channels, height, width);
    }

    /** Values per image. */
    public int size() {
        return channels * height * width;
    }
}
