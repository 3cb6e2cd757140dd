package io.github.dl4jrecipes.recipes.image;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Tiny seeded image sets: class 0 is bright in the top half, class 1 in the bottom half, class 2 in
 * a centre square, on noise. The patterns survive horizontal flips, so augmentation keeps labels.
 */
final class TinyImages {

    static final int CLASSES = 3;
    private static final float BRIGHT = 0.8f;
    private static final float NOISE = 0.3f;

    private TinyImages() {
    }

    static DataSet make(int n, int channels, int side, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[n * channels * side * side];
        float[] labels = new float[n * CLASSES];
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            labels[i * CLASSES + label] = 1;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        boolean on = switch (label) {
                            case 0 -> y < side / 2;
                            case 1 -> y >= side / 2;
                            default -> Math.abs(y - side / 2) < side / 4 && Math.abs(x - side / 2) < side / 4;
                        };
                        pixels[((i * channels + c) * side + y) * side + x] =
                                (on ? BRIGHT : 0) + NOISE * random.nextFloat();
                    }
                }
            }
        }
        INDArray features = Nd4j.create(pixels, new long[] {n, channels, side, side}, DataType.FLOAT);
        return new DataSet(features, Nd4j.create(labels, new long[] {n, CLASSES}, DataType.FLOAT));
    }
}
