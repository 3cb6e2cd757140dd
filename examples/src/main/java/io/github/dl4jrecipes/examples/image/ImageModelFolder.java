package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.train.internal.Json;
import io.github.dl4jrecipes.core.train.TrainedModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * A folder written by {@code train image}: {@value #MODEL} (with its card and history) and
 * {@value #IMAGES}, what {@code predict image} needs to read new images the way training did
 * (size, channels, pixel range, class names).
 *
 * @param dir the folder
 */
public record ImageModelFolder(Path dir) {

    /** The model zip, as {@code TrainedModel.save} writes it. */
    public static final String MODEL = "model.zip";
    /** How images were read, and the class names. */
    public static final String IMAGES = "images.json";


    /** Validates presence. */
    public ImageModelFolder {
        Objects.requireNonNull(dir, "dir");
    }

    /**
     * How training read its images.
     *
     * @param height   rows each image was resized to
     * @param width    columns each image was resized to
     * @param channels 1 (grey) or 3 (colour)
     * @param minPixel the value pixel 0 became
     * @param maxPixel the value pixel 255 became
     * @param classes  class names by label index
     */
    public record Images(int height, int width, int channels, double minPixel, double maxPixel, List<String> classes) {

        /** Copies the class names. */
        public Images {
            classes = List.copyOf(classes);
        }
    }

    /** Writes {@value #IMAGES} (atomically: a temp file, then a rename). */
    public void writeImages(Images images) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(IMAGES).toAbsolutePath();
        Path temp = Files.createTempFile(file.getParent(), IMAGES, ".tmp");
        try {
            Json.MAPPER.writeValue(temp.toFile(), images);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads {@value #IMAGES}, failing with the fix when the folder is not a trained image model. */
    public Images images() throws IOException {
        return Json.MAPPER.readValue(require(IMAGES).toFile(), Images.class);
    }

    /** Loads the model. */
    public TrainedModel<ComputationGraph> model() throws IOException {
        return TrainedModel.loadGraph(require(MODEL));
    }

    private Path require(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model folder " + dir + " has no " + name + "; pass a folder "
                    + "written by 'dl4j-recipes train image'");
        }
        return file;
    }
}
