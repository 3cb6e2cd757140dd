package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.AtomicFolder;
import io.github.dl4jrecipes.core.train.internal.Json;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A folder written by {@code train image}: {@value #MODEL} (with its card and history) and
 * {@value #IMAGES}, what {@code predict image} needs to read new images the way training did
 * (size, channels, pixel range, class names), plus the run's curves and reports. The folder is
 * written as one unit ({@link AtomicFolder}: built beside, then swapped in, with a manifest of
 * checksums): a run killed at any point leaves the previous complete folder, and reading checks
 * every file against the manifest.
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

    /**
     * Writes the folder as one unit: what {@code run} writes into the staging folder (the model,
     * curves, reports), then {@value #IMAGES}. An existing folder that holds other files is refused
     * before {@code run} starts.
     */
    public void write(Images images, AtomicFolder.Content run) throws IOException {
        AtomicFolder.write(dir, staging -> {
            run.writeTo(staging);
            AtomicFiles.writeString(staging.resolve(IMAGES), Json.MAPPER.writeValueAsString(images));
        });
    }

    /** Reads {@value #IMAGES}, failing with the fix when the folder is not a trained image model. */
    public Images images() throws IOException {
        return Json.MAPPER.readValue(require(IMAGES).toFile(), Images.class);
    }

    /** Loads the model. */
    public TrainedModel<ComputationGraph> model() throws IOException {
        return TrainedModel.loadGraph(require(MODEL));
    }

    private Path require(String name) throws IOException {
        try {
            AtomicFolder.read(dir);
        } catch (NoSuchFileException e) {
            // reported below as the missing file
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model folder " + dir + " has no " + name + "; pass a folder "
                    + "written by 'dl4j-recipes train image'");
        }
        return file;
    }
}
