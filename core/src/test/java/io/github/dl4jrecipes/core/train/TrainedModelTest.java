package io.github.dl4jrecipes.core.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainedModelTest {

    private static TrainedModel<MultiLayerNetwork> trained() {
        DataSet raw = TinyData.blobs(90, 5, 0.5);
        raw.setFeatures(raw.getFeatures().mul(50).add(100));   // raw units, far from standardized
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(raw);
        DataSetIterator train = TinyData.iterator(raw, 30);
        train.setPreProcessor(normalizer);
        return Fit.of(TinyData.network(8, new Adam(0.01), 0), TinyData.TASK).withEpochs(3)
                .withNormalizer(normalizer).withSetting("recipe", "test").run(train);
    }

    @Test
    void saveThenLoadPredictsIdentically(@TempDir Path dir) throws Exception {
        TrainedModel<MultiLayerNetwork> model = trained();
        INDArray rawFeatures = TinyData.blobs(12, 6, 0.5).getFeatures().mul(50).add(100);
        INDArray before = model.predict(rawFeatures);

        Path zip = dir.resolve("model.zip");
        model.save(zip);
        assertTrue(Files.exists(dir.resolve("model.card.json")));
        assertTrue(Files.exists(dir.resolve("model.history.json")));
        Files.delete(dir.resolve("model.card.json"));      // copies for people: the zip holds what load reads
        Files.delete(dir.resolve("model.history.json"));

        TrainedModel<MultiLayerNetwork> loaded = TrainedModel.loadMultiLayer(zip);
        assertTrue(loaded.normalizer().isPresent(), "normalizer saved inside the zip");
        assertArrayEquals(before.reshape(-1).toFloatVector(), loaded.predict(rawFeatures).reshape(-1).toFloatVector());
        assertEquals(model.history(), loaded.history());
        assertEquals(model.card(), loaded.card());
        assertTrue(TrainedModel.load(zip).network() instanceof MultiLayerNetwork);
    }

    @Test
    void cardHoldsSettingsSeedFingerprintVersionsAndBackend() {
        ModelCard card = trained().card();
        assertEquals("MultiLayerNetwork", card.networkKind());
        assertEquals(7, card.seed(), "the network configuration's seed");
        assertTrue(card.dataFingerprint().matches("sha256:[0-9a-f]{64}, 90 examples"), card.dataFingerprint());
        assertEquals("test", card.settings().get("recipe"));
        assertEquals("3", card.settings().get("epochs"));
        assertEquals("NormalizerStandardize", card.settings().get("normalizer"));
        assertTrue(card.settings().get("updater").contains("Adam"), card.settings().get("updater"));
        assertEquals("accuracy", card.settings().get("metric"));
        assertEquals("1.0.0-M2.1", card.dl4jVersion());
        assertTrue(card.backend().startsWith("CPU"), card.backend());
        assertEquals(2, card.layers().size());
        assertEquals(4 * 8 + 8 + 8 * 3 + 3, card.parameters());
        assertEquals(card, ModelCard.fromJson(card.toJson()));
    }

    @Test
    void loadingWithoutCardNamesTheMissingFile(@TempDir Path dir) throws Exception {
        TrainedModel<MultiLayerNetwork> model = trained();
        Path zip = dir.resolve("m.zip");
        ModelSerializer.writeModel(model.network(), zip.toFile(), true);   // a bare DL4J zip: no card inside
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(zip));
        assertTrue(e.getMessage().contains("m.card.json"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TrainedModel.load(dir.resolve("nope.zip")));
        assertTrue(missing.getMessage().contains("nope.zip"), missing.getMessage());
    }

    @Test
    void loadingAsTheWrongKindIsRejected(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        trained().save(zip);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.loadGraph(zip));
        assertTrue(e.getMessage().contains("holds a MultiLayerNetwork"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void predictRunsBigInputsInBatchesWithTheSameOutputs() {
        TrainedModel<MultiLayerNetwork> model = trained();
        INDArray rows = TinyData.blobs(2 * TrainedModel.PREDICT_BATCH + 3, 5, 0.5).getFeatures().mul(50).add(100);
        INDArray predicted = model.predict(rows);
        assertArrayEquals(new long[] {rows.size(0), TinyData.CLASSES}, predicted.shape());
        for (int r : new int[] {0, TrainedModel.PREDICT_BATCH - 1, TrainedModel.PREDICT_BATCH,
                2 * TrainedModel.PREDICT_BATCH + 2}) {
            INDArray one = model.predict(rows.getRow(r, true));
            assertArrayEquals(one.toFloatVector(), predicted.getRow(r).toFloatVector(), 1e-6f, "row " + r);
        }
    }
}
