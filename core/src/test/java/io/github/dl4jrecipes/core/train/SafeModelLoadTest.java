package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.train.internal.NoJavaDeserialization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Adam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading a model file never runs code from it, and every bad file gets a one-line error naming it. */
class SafeModelLoadTest {

    /** Records whether Java deserialization ran its readObject. */
    static final class Recorder implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean ran;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            ran = true;
            in.defaultReadObject();
        }
    }

    @BeforeEach
    void reset() {
        Recorder.ran = false;
    }

    private static TrainedModel<MultiLayerNetwork> model() {
        DataSet raw = TinyData.blobs(30, 5, 0.5);
        raw.setFeatures(raw.getFeatures().mul(50).add(100));
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(raw);
        return Fit.of(TinyData.network(8, new Adam(0.01), 0), TinyData.TASK).withEpochs(1)
                .withNormalizer(normalizer).withProgress(Progress.LOG).run(TinyData.iterator(raw, 30));
    }

    private static Path saved(Path dir) throws IOException {
        Path zip = dir.resolve("model.zip");
        model().save(zip);
        return zip;
    }

    @Test
    void preprocessorBinIsNeverDeserialized(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        rewrite(zip, Map.of("preprocessor.bin", serialized(new Recorder())), Set.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip));

        assertFalse(Recorder.ran, "readObject of the object in preprocessor.bin ran");
        assertTrue(e.getMessage().contains(zip.toString()) && e.getMessage().contains("preprocessor.bin")
                && e.getMessage().contains("Java-serialized") && e.getMessage().contains("not read"), e.getMessage());
    }

    @Test
    void aHashSetBombDoesNotHang(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        rewrite(zip, Map.of("preprocessor.bin", serialized(hashSetBomb(60))), Set.of());

        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip)));
        assertTrue(e.getMessage().contains("preprocessor.bin"), e.getMessage());
    }

    @Test
    void insideTheWallJavaDeserializationIsRejected() throws Exception {
        byte[] bytes = serialized(new Recorder());
        assertTrue(NoJavaDeserialization.install(), "filter factory installed in this JVM");

        assertThrows(InvalidClassException.class, () -> NoJavaDeserialization.run(() -> {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                return in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }));
        assertFalse(Recorder.ran);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.readObject();
        }
        assertTrue(Recorder.ran, "outside the wall, the JVM's own filtering applies (none here)");
    }

    @Test
    void unknownEntriesAreRefusedByName(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        rewrite(zip, Map.of("extra/evil.class", new byte[] {1, 2, 3}), Set.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip));
        assertTrue(e.getMessage().contains("'extra/evil.class'") && e.getMessage().contains("Fix:"), e.getMessage());
    }

    @Test
    void parametersThatDoNotMatchTheConfigurationAreRefused(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            org.nd4j.linalg.factory.Nd4j.write(org.nd4j.linalg.factory.Nd4j.zeros(1, 10), out);
        }
        rewrite(zip, Map.of("coefficients.bin", bytes.toByteArray()), Set.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip));
        // 4 inputs x 8 hidden + 8 biases + 8 x 3 outputs + 3 biases = 67, counted by hand
        assertTrue(e.getMessage().contains("coefficients.bin holds 10 values but its configuration needs 67"),
                e.getMessage());
    }

    @Test
    void aTruncatedZipNamesTheFile(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        byte[] all = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(all, all.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip));
        assertTrue(e.getMessage().startsWith(zip + " is not a complete model zip") && e.getMessage().contains("fix:"),
                e.getMessage());

        Files.writeString(zip, "not a zip at all");
        e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip));
        assertTrue(e.getMessage().startsWith(zip + " is not a complete model zip"), e.getMessage());
    }

    @Test
    void aCardWhoseKindDisagreesWithTheZipIsRefused(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        String card;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            card = new String(file.getInputStream(file.getEntry("dl4j-recipes/card.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        rewrite(zip, Map.of("dl4j-recipes/card.json", card.replace("\"MultiLayerNetwork\"", "\"ComputationGraph\"")
                .getBytes(StandardCharsets.UTF_8)), Set.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip));
        assertTrue(e.getMessage().contains("networkKind ComputationGraph but the zip holds a MultiLayerNetwork")
                && e.getMessage().contains(zip.toString()) && e.getMessage().contains("fix:"), e.getMessage());
    }

    @Test
    void zipsOfEarlierVersionsWithDl4jNormalizerBinStillLoad(@TempDir Path dir) throws Exception {
        TrainedModel<MultiLayerNetwork> model = model();
        Path zip = dir.resolve("old.zip");
        ModelSerializer.writeModel(model.network(), zip.toFile(), true);
        ModelSerializer.addNormalizerToModel(zip.toFile(), model.normalizer().orElseThrow());
        model.card().writeJson(dir.resolve("old.card.json"));
        model.history().writeJson(dir.resolve("old.history.json"));
        INDArray x = TinyData.blobs(6, 9, 0.5).getFeatures().mul(50).add(100);

        TrainedModel<?> loaded = TrainedModel.load(zip);

        assertArrayEquals(model.predict(x).reshape(-1).toFloatVector(), loaded.predict(x).reshape(-1).toFloatVector());
        assertEquals(model.card(), loaded.card());
    }

    @Test
    void aLegacyNormalizerOfCustomTypeIsRefusedWithoutLoadingItsClass(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("NORMALIZER");
            out.writeInt(1);
            out.writeUTF("CUSTOM");
            out.writeUTF(Recorder.class.getName());
        }
        rewrite(zip, Map.of("normalizer.bin", bytes.toByteArray()), Set.of("dl4j-recipes/normalizer.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip));
        assertTrue(e.getMessage().contains("normalizer.bin is of type CUSTOM"), e.getMessage());
    }

    @Test
    void aNormalizerThatCannotBeSavedIsRefusedBeforeWriting(@TempDir Path dir) throws Exception {
        TrainedModel<MultiLayerNetwork> model = model();
        NormalizerStandardize labels = new NormalizerStandardize();
        labels.fitLabel(true);
        labels.fit(TinyData.blobs(9, 1, 0.5));
        TrainedModel<MultiLayerNetwork> withLabels = new TrainedModel<>(model.network(), model.history(),
                model.card(), labels);
        Path zip = dir.resolve("m.zip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withLabels.save(zip));
        assertTrue(e.getMessage().startsWith("normalizer: a NormalizerStandardize that also normalizes labels"),
                e.getMessage());
        assertFalse(Files.exists(zip));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    /** Replaces or adds entries of a zip, and drops some. */
    static void rewrite(Path zip, Map<String, byte[]> put, Set<String> drop) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        entries.keySet().removeAll(drop);
        entries.putAll(put);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** Nested sets whose deserialization takes 2^depth hash computations (Coekaerts' SerialDOS shape). */
    static Set<Object> hashSetBomb(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }
}
