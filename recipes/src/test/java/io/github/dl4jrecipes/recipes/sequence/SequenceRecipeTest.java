package io.github.dl4jrecipes.recipes.sequence;

import io.github.dl4jrecipes.core.data.Sequences;
import io.github.dl4jrecipes.core.data.TimeSeries;
import io.github.dl4jrecipes.core.data.TimeSplit;
import io.github.dl4jrecipes.core.lint.ConfigLinter;
import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.core.train.History;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.recipes.RecipeCard;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceRecipeTest {

    /** Rising (class 0) or falling (class 1) ramps of 6 to 10 steps with noise, padded with a mask. */
    private static DataSet ramps(int count, long seed) {
        Random random = new Random(seed);
        List<double[][]> sequences = new ArrayList<>();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, count, 2);
        for (int i = 0; i < count; i++) {
            int cls = i % 2;
            int length = 6 + random.nextInt(5);
            double[] values = new double[length];
            for (int t = 0; t < length; t++) {
                values[t] = (cls == 0 ? t : length - t) * 0.5 + random.nextGaussian() * 0.3;
            }
            sequences.add(new double[][]{values});
            labels.putScalar(i, cls, 1);
        }
        return Sequences.padded(sequences, labels);
    }

    private static void assertThrowsWith(Class<? extends Throwable> type, Executable call, String... parts) {
        String message = assertThrows(type, call).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    private static void assertLossFalls(History history) {
        double first = history.epochs().get(0).trainLoss();
        double last = history.last().orElseThrow().trainLoss();
        assertTrue(last < 0.7 * first, "train loss " + first + " -> " + last);
    }

    @Test
    void classifierTrainsOnTinyPaddedSequencesAndTheLossFalls() {
        SequenceRecipe recipe = SequenceRecipe.classifier(1, 2).withHiddenSize(8).withEpochs(20).withMaxLr(2e-2)
                .withProgress(Progress.LOG);
        TrainedModel<MultiLayerNetwork> model = recipe.fit(ramps(64, 1), ramps(32, 2));
        assertLossFalls(model.history());
        assertTrue(model.history().best().orElseThrow().validMetric() > 0.9, model.history().toCsv());
        assertEquals("sequence-classifier", model.card().settings().get("recipe"));
        assertEquals("by norm 1.0 (ClipL2PerLayer)", model.card().settings().get("recipe.clipping"));
    }

    @Test
    void regressorForecastsASineFromWindowsWithTheLrFinderAndTheLossFalls() {
        double[] sine = new double[160];
        for (int t = 0; t < sine.length; t++) {
            sine[t] = 20 + 5 * Math.sin(2 * Math.PI * t / 12);
        }
        TimeSplit split = TimeSeries.of("sine", sine).windows(12, 1).splitByTime(0.8);
        SequenceRecipe recipe = SequenceRecipe.regressor(1).withHiddenSize(8).withEpochs(15).withBatchSize(16)
                .withProgress(Progress.LOG);
        TrainedModel<MultiLayerNetwork> model = recipe.fit(split.train().data(), split.valid().data());
        assertLossFalls(model.history());
        // no learning rate set: the LR finder picked one
        double lr = Double.parseDouble(model.card().settings().get("recipe.maxLr"));
        assertTrue(lr > 0 && lr != SequenceRecipe.DEFAULT_MAX_LR, "LR " + lr);
        // predictions in the series' own units (scaling folded back): within 1.5 of the truth (amplitude 5)
        double[] forecast = split.valid().restore(model.predict(split.valid().data().getFeatures()));
        double[] actual = split.valid().actual();
        double sq = 0;
        for (int i = 0; i < actual.length; i++) {
            sq += (forecast[i] - actual[i]) * (forecast[i] - actual[i]);
        }
        assertTrue(Math.sqrt(sq / actual.length) < 1.5, "rmse " + Math.sqrt(sq / actual.length));
    }

    @Test
    void defaultsPassTheLinterWithGlorotInitClippingAndNoBatchNorm() {
        SequenceRecipe recipe = SequenceRecipe.classifier(3, 4);
        MultiLayerConfiguration conf = recipe.toConfiguration().multiLayer();
        assertTrue(ConfigLinter.lint(conf, recipe.task()).isClean(), ConfigLinter.lint(conf, recipe.task()).toString());
        LSTM lstm = (LSTM) ((LastTimeStep) conf.getConf(0).getLayer()).getUnderlying();
        assertInstanceOf(WeightInitXavier.class, lstm.getWeightInitFn(), "Glorot from tanh/sigmoid");
        assertInstanceOf(WeightInitXavier.class, lstm.getWeightInitFnRecurrent());
        assertEquals(1.0, lstm.getGradientNormalizationThreshold());
        assertEquals(2, conf.getConfs().size(), "LSTM (last step) -> output, no batch norm");
        RecipeCard card = recipe.card();
        assertTrue(card.setting("clipping").source().startsWith("default"), card.toString());
        assertEquals("XAVIER (input and recurrent weights)", card.value("weightInit"));
        assertEquals("none inside the recurrence", card.value("batchNorm"));
        MultiLayerConfiguration bi = recipe.withBidirectional().withLayers(2).toConfiguration().multiLayer();
        assertTrue(ConfigLinter.lint(bi, recipe.task()).isClean(), ConfigLinter.lint(bi, recipe.task()).toString());
        assertEquals(3, bi.getConfs().size());
    }

    @Test
    void clippingBoundsEachLayersGradientNormOnAStepWithAnExplodingGradient() {
        // SGD with learning rate 1: the parameter change of a step is the (clipped) gradient itself
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 5).muli(100);
        DataSet exploding = new DataSet(x, Nd4j.valueArrayOf(new long[]{4, 1}, 1e4f));
        MultiLayerNetwork net = SequenceRecipe.regressor(1).withHiddenSize(4).withOptimizer(new Sgd(1.0)).build();
        net.setInput(x);
        net.setLabels(exploding.getLabels());
        net.computeGradientAndScore();
        double raw = net.gradient().gradient().norm2Number().doubleValue();
        assertTrue(raw > 1e3, "an exploding gradient: norm " + raw);
        INDArray[] before = {net.getLayer(0).params().dup(), net.getLayer(1).params().dup()};
        net.fit(exploding);
        for (int layer = 0; layer < 2; layer++) {
            double step = before[layer].sub(net.getLayer(layer).params()).norm2Number().doubleValue();
            assertTrue(step <= 1.0 + 1e-4 && step > 0.5, "layer " + layer + " moved by norm " + step);
        }
        MultiLayerNetwork loose = SequenceRecipe.regressor(1).withHiddenSize(4).withOptimizer(new Sgd(1.0))
                .withClipNorm(1e9).build();
        INDArray head = loose.getLayer(1).params().dup();
        loose.fit(exploding);
        assertTrue(head.sub(loose.getLayer(1).params()).norm2Number().doubleValue() > 100, "unclipped, it explodes");
    }

    @Test
    void maskingChangesNothingForPaddedSteps() {
        MultiLayerNetwork net = SequenceRecipe.classifier(2, 3).withHiddenSize(5).build();
        double[][] longer = {{1, 2, 3, 4, 5}, {0, 1, 0, 1, 0}};
        double[][] shorter = {{3, 1, 2}, {1, 1, 0}};
        INDArray labels = Nd4j.createFromArray(new float[][]{{1, 0, 0}, {0, 1, 0}});
        DataSet padded = Sequences.padded(List.of(longer, shorter), labels);
        INDArray batch = net.output(padded.getFeatures(), false, padded.getFeaturesMaskArray(), null);
        INDArray alone = net.output(Sequences.stack(List.<double[][]>of(shorter), labels.getRow(1, true)).getFeatures());
        assertArrayEquals(alone.getRow(0).toFloatVector(), batch.getRow(1).toFloatVector(), 1e-6f);
        // garbage in the padded steps: same output, same loss
        INDArray garbage = padded.getFeatures().dup();
        garbage.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 5)).assign(100);
        INDArray withGarbage = net.output(garbage, false, padded.getFeaturesMaskArray(), null);
        assertArrayEquals(batch.reshape(6).toFloatVector(), withGarbage.reshape(6).toFloatVector(), 1e-6f);
        double score = net.score(padded);
        assertEquals(score, net.score(new DataSet(garbage, labels, padded.getFeaturesMaskArray(), null)), 1e-6);
    }

    @Test
    void savedModelLoadsBackAndPredictsIdentically(@TempDir Path dir) throws Exception {
        SequenceRecipe recipe = SequenceRecipe.classifier(1, 2).withHiddenSize(4).withEpochs(2).withMaxLr(1e-2)
                .withOptimizer(HypergradientAdam.of(1e-3)).withProgress(Progress.LOG);
        DataSet data = ramps(16, 3);
        TrainedModel<MultiLayerNetwork> model = recipe.fit(data, null);
        Path zip = dir.resolve("sequence.zip");
        model.save(zip);
        TrainedModel<MultiLayerNetwork> loaded = TrainedModel.loadMultiLayer(zip);
        INDArray x = Sequences.stack(List.<double[][]>of(new double[][]{{1, 2, 3, 4}}), Nd4j.ones(1, 2)).getFeatures();
        assertArrayEquals(model.predict(x).toFloatVector(), loaded.predict(x).toFloatVector(), 0f);
        assertEquals(model.card(), loaded.card());
        assertTrue(model.card().settings().get("recipe.optimizer").startsWith("HypergradientAdam"));
    }

    @Test
    void badInputNamesTheParameterTheValueAndTheFix() {
        assertThrowsWith(IllegalArgumentException.class, () -> SequenceRecipe.regressor(1).withClipNorm(0),
                "threshold", "0.0", "use 1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> SequenceRecipe.regressor(1).withClipNorm(-2),
                "threshold", "-2.0");
        DataSet flat = new DataSet(Nd4j.ones(DataType.FLOAT, 4, 3), Nd4j.ones(DataType.FLOAT, 4, 1));
        assertThrowsWith(IllegalArgumentException.class, () -> SequenceRecipe.regressor(3).fit(flat, null),
                "train", "[examples, 3, time]", "[4, 3]", "TimeSeries.windows");
        DataSet labelsMaskOnly = new DataSet(Nd4j.ones(DataType.FLOAT, 2, 1, 3), Nd4j.ones(DataType.FLOAT, 2, 1),
                null, Nd4j.ones(DataType.FLOAT, 2, 3));
        assertThrowsWith(IllegalArgumentException.class, () -> SequenceRecipe.regressor(1).fit(labelsMaskOnly, null),
                "train", "features mask", "Sequences.padded");
        assertThrowsWith(IllegalArgumentException.class, () -> SequenceRecipe.classifier(1, 1), "classes", ">= 2");
        assertThrowsWith(IllegalArgumentException.class, () -> SequenceRecipe.regressor(1).withHiddenSize(0),
                "hiddenSize", "got 0");
    }
}
