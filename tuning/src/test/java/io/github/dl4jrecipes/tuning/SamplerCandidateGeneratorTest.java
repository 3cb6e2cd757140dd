package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.optimize.api.saving.InMemoryResultSaver;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.scoring.ScoreFunctions;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TPE and zoom-in run inside Arbiter's own runner as candidate generators. */
class SamplerCandidateGeneratorTest {

    @Test
    void tpeRunsInArbitersLocalOptimizationRunner() throws Exception {
        SamplerCandidateGenerator<?> tpe = SamplerCandidateGenerator.of(SearchBlocksTest.smallTabularSpace(4, 2),
                Samplers.tpe(2), Direction.MAXIMIZE);
        int candidates = 4;
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(tpe)
                .dataSource(ArbiterOnM21Test.SyntheticSource.class, new Properties())
                .modelSaver(new InMemoryResultSaver())
                .scoreFunction(ScoreFunctions.testSetAccuracy())
                .terminationConditions(new MaxCandidatesCondition(candidates))
                .rngSeed(42)
                .build();
        IOptimizationRunner runner = new LocalOptimizationRunner(1, config, new MultiLayerNetworkTaskCreator());
        runner.execute();
        assertEquals(candidates, runner.numCandidatesCompleted());
        assertEquals(0, runner.numCandidatesFailed());
        assertEquals(candidates, tpe.reported(), "Arbiter reported every score back to the sampler");
        assertTrue(runner.bestScore() > 0.6, "best accuracy " + runner.bestScore());
    }

    @Test
    void anExhaustedSamplerEndsTheGenerator() {
        SamplerCandidateGenerator<?> g = SamplerCandidateGenerator.of(Synthetic.unitX(),
                Synthetic.fixed(java.util.List.of(0.1, 0.2)), Direction.MAXIMIZE);
        assertEquals(0.1, g.getCandidate().getFlatParameters()[0]);
        assertTrue(g.hasMoreCandidates());
        assertEquals(0.2, g.getCandidate().getFlatParameters()[0]);
        assertTrue(!g.hasMoreCandidates());
    }
}
