package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained network with its history, its card and the normalizer its inputs need. Saves with
 * DL4J's {@code ModelSerializer} (updater and normalizer included) plus the card and the history
 * as JSON next to the zip; {@link #load(Path)} gives back a model that predicts identically.
 *
 * <pre>{@code
 * TrainedModel<MultiLayerNetwork> model = Fit.of(net, task).run(train, valid);
 * model.save(Path.of("model.zip"));          // model.zip, model.card.json, model.history.json
 * var again = TrainedModel.loadMultiLayer(Path.of("model.zip"));
 * INDArray p = again.predict(rawFeatures);    // normalizer applied
 * }</pre>
 *
 * @param <N> MultiLayerNetwork or ComputationGraph
 */
public final class TrainedModel<N extends Model> {

    /** Suffix of the card file next to the zip: {@code model.zip} → {@code model.card.json}. */
    public static final String CARD_SUFFIX = ".card.json";
    /** Suffix of the history file next to the zip. */
    public static final String HISTORY_SUFFIX = ".history.json";

    private final N network;
    private final History history;
    private final ModelCard card;
    private final DataNormalization normalizer;

    /**
     * @param network    the trained network
     * @param history    how it trained
     * @param card       its card
     * @param normalizer what its inputs need, or null
     */
    public TrainedModel(N network, History history, ModelCard card, DataNormalization normalizer) {
        this.network = Objects.requireNonNull(network, "network");
        this.history = Objects.requireNonNull(history, "history");
        this.card = Objects.requireNonNull(card, "card");
        this.normalizer = normalizer;
        Net.of(network);
    }

    /** The plain DL4J network. */
    public N network() {
        return network;
    }

    /** The per-epoch record of training. */
    public History history() {
        return history;
    }

    /** The model card. */
    public ModelCard card() {
        return card;
    }

    /** The normalizer applied to inputs before the network, if any. */
    public Optional<DataNormalization> normalizer() {
        return Optional.ofNullable(normalizer);
    }

    /**
     * Predicts for raw features: applies the normalizer (to a copy) and runs the network in
     * inference mode.
     */
    public INDArray predict(INDArray features) {
        INDArray input = features.dup();
        if (normalizer != null) {
            normalizer.transform(input);
        }
        return Net.of(network).output(input);
    }

    /**
     * Saves the model: the zip, then {@code <stem>.history.json}, then {@code <stem>.card.json},
     * each atomically.
     *
     * @param zip the model file, ending in ".zip"
     */
    public void save(Path zip) throws IOException {
        Path card = sibling(zip, CARD_SUFFIX);
        AtomicFiles.write(zip, temp -> Net.of(network).save(temp, normalizer));
        history.writeJson(sibling(zip, HISTORY_SUFFIX));
        this.card.writeJson(card);
    }

    /** Loads a model saved by {@link #save(Path)}, of whichever kind it is. */
    public static TrainedModel<?> load(Path zip) throws IOException {
        ModelCard card = readCard(zip);
        return "ComputationGraph".equals(card.networkKind()) ? loadGraph(zip) : loadMultiLayer(zip);
    }

    /** Loads a MultiLayerNetwork model saved by {@link #save(Path)}. */
    public static TrainedModel<MultiLayerNetwork> loadMultiLayer(Path zip) throws IOException {
        ModelCard card = readCard(zip);
        checkKind(zip, card, "MultiLayerNetwork");
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        return new TrainedModel<>(net, readHistory(zip), card, normalizer(zip));
    }

    /** Loads a ComputationGraph model saved by {@link #save(Path)}. */
    public static TrainedModel<ComputationGraph> loadGraph(Path zip) throws IOException {
        ModelCard card = readCard(zip);
        checkKind(zip, card, "ComputationGraph");
        ComputationGraph net = ModelSerializer.restoreComputationGraph(zip.toFile(), true);
        return new TrainedModel<>(net, readHistory(zip), card, normalizer(zip));
    }

    private static void checkKind(Path zip, ModelCard card, String expected) {
        if (!expected.equals(card.networkKind())) {
            throw new IllegalArgumentException(zip + " holds a " + card.networkKind() + ", not a "
                    + expected + "; use TrainedModel.load(path) or the matching loader.");
        }
    }

    private static ModelCard readCard(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("model file " + zip + " does not exist; pass the "
                    + ".zip written by TrainedModel.save.");
        }
        Path card = sibling(zip, CARD_SUFFIX);
        if (!Files.isRegularFile(card)) {
            throw new IllegalArgumentException("model card " + card + " is missing next to " + zip
                    + "; a model saved by TrainedModel.save has one. Load bare DL4J zips with "
                    + "ModelSerializer instead.");
        }
        return ModelCard.readJson(card);
    }

    private static History readHistory(Path zip) throws IOException {
        return History.readJson(sibling(zip, HISTORY_SUFFIX));
    }

    private static DataNormalization normalizer(Path zip) throws IOException {
        return ModelSerializer.restoreNormalizerFromFile(zip.toFile());
    }

    static Path sibling(Path zip, String suffix) {
        String name = zip.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - ".zip".length()) : name;
        return zip.resolveSibling(stem + suffix);
    }
}
