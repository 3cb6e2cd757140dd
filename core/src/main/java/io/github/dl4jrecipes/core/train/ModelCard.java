package io.github.dl4jrecipes.core.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a trained model is and how it was made, saved as JSON next to the model: every resolved
 * setting, the seed, a fingerprint of the training data, the library, DL4J and Java versions and
 * the ND4J backend it trained on.
 *
 * @param networkKind     "MultiLayerNetwork" or "ComputationGraph"
 * @param seed            the seed of the run
 * @param dataFingerprint SHA-256 of the training data as seen in the first epoch, or one given
 *                        by the caller
 * @param settings        every resolved setting, by name (task, metric, epochs, updater ...)
 * @param layers          one line per layer: type, activation, parameter count
 * @param parameters      the number of parameters
 * @param libraryVersion  the dl4j-recipes version
 * @param dl4jVersion     the Deeplearning4j version
 * @param javaVersion     the Java runtime version
 * @param backend         the ND4J backend and binary (from {@code Hardware.report()})
 * @param device          the device(s) it trained on
 * @param createdAt       when the card was made, ISO-8601 UTC
 */
public record ModelCard(String networkKind, long seed, String dataFingerprint,
                        Map<String, String> settings, List<String> layers, long parameters,
                        String libraryVersion, String dl4jVersion, String javaVersion,
                        String backend, String device, String createdAt) {

    /** Copies the collections; settings are kept sorted by name. */
    public ModelCard {
        Objects.requireNonNull(networkKind, "networkKind");
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
        layers = List.copyOf(layers);
    }

    /** A copy with one more (or a replaced) setting. */
    public ModelCard withSetting(String name, String value) {
        Map<String, String> more = new TreeMap<>(settings);
        more.put(name, value);
        return new ModelCard(networkKind, seed, dataFingerprint, more, layers, parameters,
                libraryVersion, dl4jVersion, javaVersion, backend, device, createdAt);
    }

    /** This card as JSON. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ModelCard could not be written as JSON", e);
        }
    }

    /** Reads a card from JSON. */
    public static ModelCard fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, ModelCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a dl4j-recipes model card: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the card to a file, atomically. */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** Reads a card from a file. */
    public static ModelCard readJson(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
