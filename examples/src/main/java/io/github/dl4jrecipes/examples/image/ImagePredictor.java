package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.train.TrainedModel;
import org.datavec.image.loader.NativeImageLoader;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Labels image files with a model trained by {@code train image}: each file is read and resized
 * as in training (DataVec's {@link NativeImageLoader}, pixels scaled to the training range).
 */
public final class ImagePredictor {

    /** File endings read as images when a folder is given (DataVec's readers decode these). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private final TrainedModel<ComputationGraph> model;
    private final ImageModelFolder.Images images;

    /**
     * @param model  the trained model
     * @param images how training read its images
     */
    public ImagePredictor(TrainedModel<ComputationGraph> model, ImageModelFolder.Images images) {
        this.model = model;
        this.images = images;
    }

    /** One labelled file: the predicted class, its probability and every class's probability. */
    public record Prediction(Path file, String label, double probability, double[] probabilities) {
    }

    /** The image files in {@code paths}: files as given, folders searched for {@link #EXTENSIONS}. */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(ImagePredictor::isImage).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("image " + path + " does not exist; pass image files or "
                        + "folders of them");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no image files (" + EXTENSIONS + ") in " + paths
                    + "; pass image files or folders of them");
        }
        return files;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** Labels every file; fails on the first that cannot be read, naming it, before any output. */
    public List<Prediction> predict(List<Path> files) {
        NativeImageLoader loader = new NativeImageLoader(images.height(), images.width(), images.channels());
        ImagePreProcessingScaler scaler = new ImagePreProcessingScaler(images.minPixel(), images.maxPixel());
        List<Prediction> predictions = new ArrayList<>();
        for (Path file : files) {
            INDArray pixels;
            try {
                pixels = loader.asMatrix(file.toFile());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("image " + file + " cannot be read (" + e.getMessage()
                        + "); pass PNG, JPEG, BMP or GIF files", e);
            }
            if (pixels == null) {
                throw new IllegalArgumentException("image " + file + " cannot be decoded; pass PNG, JPEG, BMP or "
                        + "GIF files");
            }
            scaler.transform(pixels);
            double[] probabilities = model.predict(pixels.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT))
                    .toDoubleVector();
            int best = 0;
            for (int c = 1; c < probabilities.length; c++) {
                if (probabilities[c] > probabilities[best]) {
                    best = c;
                }
            }
            predictions.add(new Prediction(file, images.classes().get(best), probabilities[best], probabilities));
        }
        return predictions;
    }
}
