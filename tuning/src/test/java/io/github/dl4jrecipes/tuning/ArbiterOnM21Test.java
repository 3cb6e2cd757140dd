package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.saving.InMemoryResultSaver;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.scoring.ScoreFunctions;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbiter 1.0.0-beta7 runs on DL4J 1.0.0-M2.1 with the exclusions pinned in the parent pom:
 * a random search over a {@link MultiLayerSpace} trains and scores every candidate.
 */
class ArbiterOnM21Test {

    @Test
    void randomSearchTrainsAndScoresEveryCandidate() throws Exception {
        MultiLayerSpace space = new MultiLayerSpace.Builder()
                .seed(42)
                .updater(new AdamSpace(new ContinuousParameterSpace(1e-3, 1e-1)))
                .addLayer(new DenseLayerSpace.Builder().nIn(4).nOut(new IntegerParameterSpace(4, 16))
                        .activation(Activation.RELU).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .numEpochs(5)
                .build();
        int candidates = 3;
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(space, Map.of()))
                .dataSource(SyntheticSource.class, new Properties())
                .modelSaver(new InMemoryResultSaver())
                .scoreFunction(ScoreFunctions.testSetAccuracy())
                .terminationConditions(new MaxCandidatesCondition(candidates))
                .rngSeed(42)
                .build();

        IOptimizationRunner runner = new LocalOptimizationRunner(1, config, new MultiLayerNetworkTaskCreator());
        runner.execute();

        assertEquals(candidates, runner.numCandidatesCompleted());
        assertEquals(0, runner.numCandidatesFailed());
        assertNotNull(runner.bestScore());
        assertTrue(runner.bestScore() > 0.6, "best accuracy " + runner.bestScore());
    }

    /** Linearly separable two-class data; Arbiter instantiates it by reflection. */
    public static class SyntheticSource implements DataSource {
        private static final long serialVersionUID = 1L;

        @Override
        public void configure(Properties properties) {
        }

        @Override
        public Object trainData() {
            return iterator(1);
        }

        @Override
        public Object testData() {
            return iterator(2);
        }

        @Override
        public Class<?> getDataType() {
            return DataSetIterator.class;
        }

        private static DataSetIterator iterator(long seed) {
            Nd4j.getRandom().setSeed(seed);
            INDArray x = Nd4j.rand(DataType.FLOAT, 200, 4).subi(0.5);
            INDArray positive = x.getColumn(0).add(x.getColumn(1)).gt(0).castTo(DataType.FLOAT);
            INDArray y = Nd4j.hstack(positive.rsub(1.0).reshape(-1, 1), positive.reshape(-1, 1));
            return new ListDataSetIterator<>(new DataSet(x, y).asList(), 50);
        }
    }
}
