package io.github.dl4jrecipes.core.train.internal;

import io.github.dl4jrecipes.core.train.Net;
import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes and reads model zips without Java deserialization. The layout is DL4J's
 * ({@code configuration.json}, {@code coefficients.bin}, {@code updaterState.bin} in ND4J's binary
 * array format), so {@code ModelSerializer} can still open our files, plus our own JSON entries
 * under {@value #OURS} (the normalizer as {@link NormalizerJson}, the card, the history).
 *
 * <p>Reading never trusts the file: the network is built from the configuration JSON, then the
 * parameter and updater arrays must have exactly the lengths that configuration needs; every entry
 * is read with a size bound (no zip bomb); unknown entries are refused by name, and so is
 * {@code preprocessor.bin}, the Java-serialized object that {@code ModelSerializer.restore…} would
 * deserialize. DL4J's {@code normalizer.bin} (written by earlier versions of this library) is read
 * only for the three built-in normalizer types, after checking its header ourselves, so no class
 * named by the file is ever instantiated. All DL4J parsing runs inside
 * {@link NoJavaDeserialization#run}.
 */
public final class ModelZip {

    private static final Logger LOG = LoggerFactory.getLogger(ModelZip.class);

    /** DL4J's entry with the configuration JSON. */
    static final String CONFIGURATION = "configuration.json";
    /** DL4J's entry with the flattened parameters. */
    static final String COEFFICIENTS = "coefficients.bin";
    /** DL4J's entry with the updater state. */
    static final String UPDATER = "updaterState.bin";
    /** DL4J's normalizer entry, written by earlier versions of this library. */
    static final String LEGACY_NORMALIZER = "normalizer.bin";
    /** The Java-serialized entry DL4J's restore deserializes; never read. */
    static final String PREPROCESSOR = "preprocessor.bin";
    /** Folder of our own entries. */
    public static final String OURS = "dl4j-recipes/";
    /** Our normalizer entry. */
    static final String NORMALIZER = OURS + "normalizer.json";
    /** Largest configuration or JSON entry read: 64 MiB (configurations are kilobytes). */
    static final long MAX_TEXT_BYTES = 64L << 20;
    /** Slack over 8 bytes per value for the ND4J array headers (a few dozen bytes in practice). */
    static final long ARRAY_HEADER_SLACK = 64L << 10;

    /**
     * What a zip holds.
     *
     * @param net        the network with its parameters (and updater state when asked for)
     * @param normalizer the normalizer, or null
     * @param entries    our JSON entries (under {@value #OURS}) by name, as text
     */
    public record Contents(Net net, DataNormalization normalizer, Map<String, String> entries) {
    }

    private ModelZip() {
    }

    /**
     * Writes a network, its updater state, the normalizer (may be null) and extra JSON entries.
     *
     * @param entries more entries by name, each starting with {@value #OURS}
     */
    public static void write(Path zip, Net net, Normalizer<?> normalizer, Map<String, String> entries)
            throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            text(out, CONFIGURATION, net.configurationJson());
            array(out, COEFFICIENTS, net.model().params());
            INDArray state = net.updaterState();
            if (state != null && state.length() > 0) {
                array(out, UPDATER, state);
            }
            if (normalizer != null) {
                text(out, NORMALIZER, NormalizerJson.toJson(normalizer));
            }
            for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
                if (!e.getKey().startsWith(OURS)) {
                    throw new IllegalArgumentException("entry " + e.getKey() + " must start with " + OURS);
                }
                text(out, e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Reads a model zip.
     *
     * @param zip         the file
     * @param kind        the network kind the caller expects ("MultiLayerNetwork" or
     *                    "ComputationGraph"), or null for whichever the configuration is
     * @param withUpdater whether to restore the updater state too
     * @throws IllegalArgumentException naming the file and the entry when the zip is not a complete
     *                                  model zip, holds an entry we do not read, or does not match
     *                                  its configuration
     */
    public static Contents read(Path zip, String kind, boolean withUpdater) throws IOException {
        try (ZipFile file = open(zip)) {
            Map<String, ZipEntry> entries = entries(zip, file);
            Net net = NoJavaDeserialization.run(() -> network(zip, file, entries, kind));
            long params = net.model().numParams();
            INDArray coefficients = NoJavaDeserialization.run(() -> array(zip, file, required(zip, entries,
                    COEFFICIENTS), params));
            net.model().setParams(coefficients.reshape(net.model().params().shape()));
            if (withUpdater && entries.containsKey(UPDATER)) {
                restoreUpdater(zip, file, entries.get(UPDATER), net);
            }
            DataNormalization normalizer = normalizer(zip, file, entries);
            Map<String, String> ours = new TreeMap<>();
            for (String name : entries.keySet()) {
                if (name.startsWith(OURS) && !name.equals(NORMALIZER)) {
                    ours.put(name, new String(bounded(zip, file, entries.get(name), MAX_TEXT_BYTES),
                            StandardCharsets.UTF_8));
                }
            }
            return new Contents(net, normalizer, Collections.unmodifiableMap(ours));
        } catch (ZipException e) {
            throw damaged(zip, e);
        }
    }

    private static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw damaged(zip, e);
        }
    }

    private static IllegalArgumentException damaged(Path zip, Exception e) {
        return new IllegalArgumentException(zip + " is not a complete model zip (" + e.getMessage()
                + "); fix: the file is truncated or damaged: copy it again, or save the model again.", e);
    }

    private static Map<String, ZipEntry> entries(Path zip, ZipFile file) {
        Set<String> known = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER, LEGACY_NORMALIZER);
        Map<String, ZipEntry> entries = new TreeMap<>();
        for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            String name = entry.getName();
            if (name.equals(PREPROCESSOR)) {
                throw new IllegalArgumentException(zip + " holds " + PREPROCESSOR + ", a Java-serialized object; "
                        + "refusing to load it, as deserializing it could run code from the file (it was not "
                        + "read). Fix: load only models saved by dl4j-recipes, or re-save this network without a "
                        + "preprocessor in a JVM that trusts the file.");
            }
            if (!known.contains(name) && !(name.startsWith(OURS) && name.endsWith(".json"))) {
                throw new IllegalArgumentException(zip + " holds an entry '" + name + "' that a model zip does not "
                        + "have; refusing to load it (it was not read). Fix: load only models saved by dl4j-recipes.");
            }
            entries.put(name, entry);
        }
        return entries;
    }

    private static ZipEntry required(Path zip, Map<String, ZipEntry> entries, String name) {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(zip + " has no " + name + "; fix: pass a model zip saved by "
                    + "dl4j-recipes (TrainedModel.save).");
        }
        return entry;
    }

    private static Net network(Path zip, ZipFile file, Map<String, ZipEntry> entries, String kind)
            throws IOException {
        String json = new String(bounded(zip, file, required(zip, entries, CONFIGURATION), MAX_TEXT_BYTES),
                StandardCharsets.UTF_8);
        String actual = kindOf(zip, json);
        if (kind != null && !kind.equals(actual)) {
            throw new IllegalArgumentException(zip + " holds a " + actual + " configuration, not the " + kind
                    + " its card or the caller expects; fix: load it with TrainedModel.load(path), which reads the "
                    + "kind from the file, or correct networkKind in the card.");
        }
        try {
            if (Net.Graph.KIND.equals(actual)) {
                ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
                graph.init();
                return Net.of(graph);
            }
            MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
            net.init();
            return Net.of(net);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(zip + ": " + CONFIGURATION + " is not a valid " + actual
                    + " configuration (" + firstLine(e) + "); fix: pass a model zip saved by dl4j-recipes.", e);
        }
    }

    /** "ComputationGraph" when the JSON has vertices, "MultiLayerNetwork" when it has layer confs. */
    private static String kindOf(Path zip, String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(zip + ": " + CONFIGURATION + " is not JSON (" + firstLine(e)
                    + "); fix: pass a model zip saved by dl4j-recipes.", e);
        }
        if (root.has("vertices")) {
            return Net.Graph.KIND;
        }
        if (root.has("confs")) {
            return Net.Mln.KIND;
        }
        throw new IllegalArgumentException(zip + ": " + CONFIGURATION + " is neither a MultiLayerNetwork nor a "
                + "ComputationGraph configuration; fix: pass a model zip saved by dl4j-recipes.");
    }

    private static void restoreUpdater(Path zip, ZipFile file, ZipEntry entry, Net net) throws IOException {
        INDArray expected = net.updaterState();
        if (expected == null || expected.length() == 0) {
            LOG.warn("{}: ignoring {}, as its configuration's updater keeps no state.", zip, UPDATER);
            return;
        }
        INDArray state = NoJavaDeserialization.run(() -> array(zip, file, entry, expected.length()));
        expected.assign(state.reshape(expected.shape()));
    }

    private static DataNormalization normalizer(Path zip, ZipFile file, Map<String, ZipEntry> entries)
            throws IOException {
        if (entries.containsKey(NORMALIZER)) {
            String json = new String(bounded(zip, file, entries.get(NORMALIZER), MAX_TEXT_BYTES), StandardCharsets.UTF_8);
            try {
                return NormalizerJson.fromJson(json);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(zip + ": " + NORMALIZER + " is " + e.getMessage()
                        + "; fix: pass a model zip saved by dl4j-recipes.", e);
            }
        }
        if (!entries.containsKey(LEGACY_NORMALIZER)) {
            return null;
        }
        byte[] bytes = bounded(zip, file, entries.get(LEGACY_NORMALIZER), MAX_TEXT_BYTES);
        checkLegacyHeader(zip, bytes);
        return NoJavaDeserialization.run(() -> {
            try {
                return NormalizerSerializer.getDefault().restore(new ByteArrayInputStream(bytes));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(zip + ": " + LEGACY_NORMALIZER + " cannot be read ("
                        + firstLine(e) + "); fix: save the model again.", e);
            } catch (Exception e) {
                throw new IOException(zip + ": " + LEGACY_NORMALIZER + " cannot be read (" + firstLine(e) + ")", e);
            }
        });
    }

    /**
     * DL4J's normalizer header: "NORMALIZER", version 1, the type; a CUSTOM type names a class that
     * DL4J would instantiate, so only the three built-in array types pass.
     */
    private static void checkLegacyHeader(Path zip, byte[] bytes) {
        Set<String> allowed = Set.of(NormalizerType.STANDARDIZE.name(), NormalizerType.MIN_MAX.name(),
                NormalizerType.IMAGE_MIN_MAX.name());
        String type;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!"NORMALIZER".equals(in.readUTF()) || in.readInt() != 1) {
                type = null;
            } else {
                type = in.readUTF();
            }
        } catch (IOException e) {
            type = null;
        }
        if (type == null || !allowed.contains(type)) {
            throw new IllegalArgumentException(zip + ": " + LEGACY_NORMALIZER + " is " + (type == null
                    ? "not in DL4J's normalizer format" : "of type " + type) + "; only " + allowed + " are read, "
                    + "so that no class named by the file is instantiated and nothing is deserialized. Fix: save "
                    + "the model again with dl4j-recipes, which writes the normalizer as JSON.");
        }
    }

    /** Reads an ND4J array entry that must hold exactly {@code length} values. */
    private static INDArray array(Path zip, ZipFile file, ZipEntry entry, long length) throws IOException {
        byte[] bytes = bounded(zip, file, entry, length * Long.BYTES + ARRAY_HEADER_SLACK);
        INDArray array;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            array = Nd4j.read(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(zip + ": " + entry.getName() + " is not an ND4J array ("
                    + firstLine(e) + "); fix: the file is damaged: save the model again.", e);
        }
        if (array.length() != length) {
            throw new IllegalArgumentException(zip + ": " + entry.getName() + " holds " + array.length()
                    + " values but its configuration needs " + length + "; fix: the file does not match its "
                    + "configuration: save the model again.");
        }
        return array;
    }

    /** An entry's bytes, refusing more than {@code limit} (what its uncompressed size may claim). */
    private static byte[] bounded(Path zip, ZipFile file, ZipEntry entry, long limit) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                throw new IllegalArgumentException(zip + ": " + entry.getName() + " is larger than " + limit
                        + " bytes, more than a model of its configuration needs; refusing it. Fix: load only "
                        + "models saved by dl4j-recipes.");
            }
            return bytes;
        } catch (ZipException | java.io.EOFException e) {
            throw damaged(zip, e);
        }
    }

    private static void text(ZipOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static void array(ZipOutputStream out, String name, INDArray array) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        DataOutputStream data = new DataOutputStream(out);   // not closed: that would close the zip
        Nd4j.write(array, data);
        data.flush();
        out.closeEntry();
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
