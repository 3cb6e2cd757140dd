package io.github.dl4jrecipes.core.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphFitTest {

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5)
                .updater(new Adam(0.01)).weightInit(WeightInit.RELU)
                .graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(TinyData.FEATURES).nOut(12)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("out", TinyData.TASK.outputLayer(12), "dense")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void trainsAComputationGraphWithCheckpointsAndSavesIt(@TempDir Path dir) throws Exception {
        ComputationGraph g = graph();
        TrainedModel<ComputationGraph> model = Fit.of(g, TinyData.TASK).withEpochs(4)
                .withCheckpoints(Checkpoints.in(dir.resolve("ckpt")))
                .run(TinyData.iterator(TinyData.blobs(90, 1, 0.5), 30), TinyData.iterator(TinyData.blobs(30, 2, 0.5), 30));
        assertEquals(4, model.history().size());
        assertTrue(model.history().last().orElseThrow().validMetric() > 0.8, model.history().toString());
        assertEquals("ComputationGraph", model.card().networkKind());

        INDArray x = TinyData.blobs(10, 3, 0.5).getFeatures();
        Path zip = dir.resolve("graph.zip");
        model.save(zip);
        TrainedModel<?> loaded = TrainedModel.load(zip);
        assertTrue(loaded.network() instanceof ComputationGraph);
        assertArrayEquals(model.predict(x).reshape(-1).toFloatVector(), loaded.predict(x).reshape(-1).toFloatVector());

        // a second run on the same folder resumes and has nothing left to train
        ComputationGraph again = graph();
        TrainedModel<ComputationGraph> resumed = Fit.of(again, TinyData.TASK).withEpochs(4)
                .withCheckpoints(Checkpoints.in(dir.resolve("ckpt")))
                .run(TinyData.iterator(TinyData.blobs(90, 1, 0.5), 30), TinyData.iterator(TinyData.blobs(30, 2, 0.5), 30));
        assertEquals(model.history().epochs().get(3).trainLoss(), resumed.history().epochs().get(3).trainLoss(), 0.0);
        assertArrayEquals(g.params().toFloatVector(), again.params().toFloatVector());
    }

    @Test
    void progressBarModeRunsWithoutAConsole() {
        ComputationGraph g = graph();
        TrainedModel<ComputationGraph> model = Fit.of(g, TinyData.TASK).withEpochs(2).withProgress(Progress.BAR)
                .run(TinyData.iterator(TinyData.blobs(60, 1, 0.5), 20));
        assertEquals(2, model.history().size());
    }
}
