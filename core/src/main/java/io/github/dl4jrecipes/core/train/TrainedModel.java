package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.ModelZip;
import io.github.dl4jrecipes.core.train.internal.NormalizerJson;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained network with its history, its card and the normalizer its inputs need. Saves one zip
 * in DL4J's layout (configuration JSON, parameters, updater state) with the normalizer, the card
 * and the history inside as JSON, plus copies of the card and the history next to it;
 * {@link #load(Path)} gives back a model that predicts identically, and never deserializes Java
 * objects from the file (DL4J's {@code ModelSerializer.restore…} would).
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
    /** The card's entry inside the zip. */
    static final String CARD_ENTRY = ModelZip.OURS + "card.json";
    /** The history's entry inside the zip. */
    static final String HISTORY_ENTRY = ModelZip.OURS + "history.json";
    /**
     * Rows {@link #predict} runs through the network at a time: 8,192 bounds the activations held
     * at once (scoring 100,000 test rows in one pass through a 512-256 tabular net grew
     * {@code train tabular} by ~900 MB); inference is row by row, so the outputs are the same.
     */
    static final int PREDICT_BATCH = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(TrainedModel.class);

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
     * inference mode, {@link #PREDICT_BATCH} rows at a time.
     */
    public INDArray predict(INDArray features) {
        long rows = features.size(0);
        List<INDArray> outputs = new ArrayList<>();
        for (long start = 0; start < rows; start += PREDICT_BATCH) {
            INDArray input = features.get(NDArrayIndex.interval(start, Math.min(rows, start + PREDICT_BATCH))).dup();
            if (normalizer != null) {
                normalizer.transform(input);
            }
            outputs.add(Net.of(network).output(input));
        }
        return outputs.size() == 1 ? outputs.get(0) : Nd4j.concat(0, outputs.toArray(INDArray[]::new));
    }

    /**
     * Saves the model as one file that changes as a unit: the zip (written atomically) holds the
     * network, its updater state, the normalizer as JSON, the card and the history. Then
     * {@code <stem>.card.json} and {@code <stem>.history.json} are written next to it as copies for
     * people and tools; {@link #load} reads the zip only, so a process killed between the writes
     * leaves a model that loads as the new one (a stale copy is reported in the log).
     *
     * @param zip the model file, ending in ".zip"
     * @throws IllegalArgumentException when the normalizer is of a type that cannot be saved
     *                                  ({@code NormalizerStandardize}, {@code NormalizerMinMaxScaler}
     *                                  and {@code ImagePreProcessingScaler} can); nothing is written
     */
    public void save(Path zip) throws IOException {
        NormalizerJson.checkSupported(normalizer);
        AtomicFiles.write(zip, temp -> ModelZip.write(temp, Net.of(network), normalizer,
                Map.of(CARD_ENTRY, card.toJson(), HISTORY_ENTRY, history.toJson())));
        history.writeJson(sibling(zip, HISTORY_SUFFIX));
        card.writeJson(sibling(zip, CARD_SUFFIX));
    }

    /**
     * Loads a model saved by {@link #save(Path)}, of whichever kind its configuration is. Never
     * deserializes Java objects: see {@code ModelZip} for what is read and what is refused.
     *
     * @throws IllegalArgumentException naming the file and the fix when it is missing, truncated,
     *                                  not a model zip, holds entries a model zip does not have, or
     *                                  its card disagrees with its content
     */
    public static TrainedModel<?> load(Path zip) throws IOException {
        return read(zip, null);
    }

    /** Loads a MultiLayerNetwork model saved by {@link #save(Path)}; otherwise as {@link #load}. */
    @SuppressWarnings("unchecked")
    public static TrainedModel<MultiLayerNetwork> loadMultiLayer(Path zip) throws IOException {
        return (TrainedModel<MultiLayerNetwork>) read(zip, Net.Mln.KIND);
    }

    /** Loads a ComputationGraph model saved by {@link #save(Path)}; otherwise as {@link #load}. */
    @SuppressWarnings("unchecked")
    public static TrainedModel<ComputationGraph> loadGraph(Path zip) throws IOException {
        return (TrainedModel<ComputationGraph>) read(zip, Net.Graph.KIND);
    }

    private static TrainedModel<?> read(Path zip, String kind) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("model file " + zip + " does not exist; pass the "
                    + ".zip written by TrainedModel.save.");
        }
        ModelZip.Contents contents = ModelZip.read(zip, kind, true);
        ModelCard card = contents.entries().containsKey(CARD_ENTRY)
                ? fromEntry(zip, CARD_ENTRY, () -> ModelCard.fromJson(contents.entries().get(CARD_ENTRY)))
                : legacyCard(zip);
        checkStaleCopy(zip, card);
        String actual = contents.net().kind();
        if (!actual.equals(card.networkKind())) {
            throw new IllegalArgumentException("model card of " + zip + " says networkKind " + card.networkKind()
                    + " but the zip holds a " + actual + "; fix: the card does not belong to this model: set "
                    + "networkKind to " + actual + " or save the model again.");
        }
        History history = contents.entries().containsKey(HISTORY_ENTRY)
                ? fromEntry(zip, HISTORY_ENTRY, () -> History.fromJson(contents.entries().get(HISTORY_ENTRY)))
                : History.readJson(sibling(zip, HISTORY_SUFFIX));
        return new TrainedModel<>(contents.net().model(), history, card, contents.normalizer());
    }

    private static <T> T fromEntry(Path zip, String entry, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(zip + ": " + entry + ": " + e.getMessage()
                    + "; fix: save the model again.", e);
        }
    }

    /** Zips saved before the card went inside: the card next to the zip. */
    private static ModelCard legacyCard(Path zip) throws IOException {
        Path card = sibling(zip, CARD_SUFFIX);
        if (!Files.isRegularFile(card)) {
            throw new IllegalArgumentException("model card " + card + " is missing next to " + zip
                    + "; a model saved by TrainedModel.save has one. Load bare DL4J zips with "
                    + "ModelSerializer instead.");
        }
        return ModelCard.readJson(card);
    }

    private static void checkStaleCopy(Path zip, ModelCard card) throws IOException {
        Path copy = sibling(zip, CARD_SUFFIX);
        if (Files.isRegularFile(copy) && !Files.readString(copy).equals(card.toJson())) {
            LOG.warn("{} differs from the card inside {} (a save was interrupted, or it was edited); the card "
                    + "inside the zip is used.", copy, zip);
        }
    }

    static Path sibling(Path zip, String suffix) {
        String name = zip.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - ".zip".length()) : name;
        return zip.resolveSibling(stem + suffix);
    }
}
