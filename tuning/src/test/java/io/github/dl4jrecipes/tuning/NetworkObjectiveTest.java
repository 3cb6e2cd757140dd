package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.GraphConfiguration;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ASHA over a tiny MultiLayerSpace built from the preset blocks, on tiny separable data. */
class NetworkObjectiveTest {

    private final AtomicInteger epochsTrained = new AtomicInteger();

    private <C> Objective<C> counting(Objective<C> inner) {
        return (candidate, context) -> {
            TrialSession s = inner.open(candidate, context);
            return new TrialSession() {
                @Override
                public EpochResult trainEpoch(int epoch) throws Exception {
                    epochsTrained.incrementAndGet();
                    return s.trainEpoch(epoch);
                }

                @Override
                public void save(Path file) throws Exception {
                    s.save(file);
                }

                @Override
                public void restore(Path file) throws Exception {
                    s.restore(file);
                }
            };
        };
    }

    @TempDir
    Path tmp;

    @Test
    void ashaTrainsRealNetworksAndPromotionsContinueFromCheckpoints() throws Exception {
        ArbiterOnM21Test.SyntheticSource data = new ArbiterOnM21Test.SyntheticSource();
        TuningResult<DL4JConfiguration> result = Tuner.asha(SearchBlocksTest.smallTabularSpace(4, 2), 1, 3, 3)
                .maxTrials(4).threadsPerWorker(1).study(tmp.resolve("study"))
                .run(counting(NetworkObjective.accuracy(
                        () -> (org.nd4j.linalg.dataset.api.iterator.DataSetIterator) data.trainData(),
                        () -> (org.nd4j.linalg.dataset.api.iterator.DataSetIterator) data.testData())));

        List<TrialRecord> promoted = result.trials().stream().filter(t -> t.rung() == 1).toList();
        assertFalse(promoted.isEmpty(), "after 3 trials the best is promoted to 3 epochs");
        for (TrialRecord t : promoted) {
            assertEquals(3, t.epochs());
            assertEquals(3, t.metrics().get(NetworkObjective.TRAIN_LOSS).size());
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(
                    tmp.resolve("study").resolve(t.checkpoint()).toFile(), true);
            assertEquals(3, net.getEpochCount());
        }
        assertEquals(4 + 2 * promoted.size(), epochsTrained.get(),
                "4 trials x 1 epoch, then each promoted one 2 more (not 3: it continues from its checkpoint)");
        assertEquals(result.trials().stream().mapToInt(TrialRecord::epochs).sum(), epochsTrained.get());
        assertTrue(result.best().orElseThrow().value() > 0.6, "best accuracy " + result.best().orElseThrow().value());
    }

    @Test
    void graphSpacesTrainAndResumeToo() {
        ArbiterOnM21Test.SyntheticSource data = new ArbiterOnM21Test.SyntheticSource();
        ParameterSpace<Activation> act = SearchBlocks.activations();
        ParameterSpace<Integer> width = SearchBlocks.width(4, 16);   // one leaf: nOut of hidden = nIn of out
        ComputationGraphSpace space = new ComputationGraphSpace.Builder()
                .seed(42)
                .updater(SearchBlocks.optimizer())
                .addInputs("in")
                .addLayer("hidden", new DenseLayerSpace.Builder().nIn(4).nOut(width)
                        .activation(act).weightInit(SearchBlocks.initFor(act)).build(), "in")
                .addLayer("out", new OutputLayerSpace.Builder().nIn(width).nOut(2)
                        .activation(Activation.SOFTMAX).lossFunction(LossFunctions.LossFunction.MCXENT).build(),
                        "hidden")
                .setOutputs("out")
                .build();
        TuningResult<GraphConfiguration> result = Tuner.random(space, 2).maxTrials(2).threadsPerWorker(1)
                .study(tmp.resolve("graph")).run(counting(NetworkObjective.graphAccuracy(
                        () -> (org.nd4j.linalg.dataset.api.iterator.DataSetIterator) data.trainData(),
                        () -> (org.nd4j.linalg.dataset.api.iterator.DataSetIterator) data.testData())));
        assertEquals(2, result.trials().size());
        assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialStatus.COMPLETE && t.epochs() == 2),
                result.trials().toString());
        assertEquals(4, epochsTrained.get());
    }
}
