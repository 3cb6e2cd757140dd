package io.github.dl4jrecipes.tuning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TPE with several workers: trials still running count as the worst value seen (constant liar). */
class ParallelSamplingTest {
    private static final Map<String, Double> SCORE = Map.of("a", 1.0, "b", 0.6, "c", 0.1, "d", 0.0, "e", 0.0, "f", 0.0);

    @TempDir
    Path dir;

    @Test
    void fourWorkersStartedTogetherGetFourDifferentCandidates() {
        SearchSpace space = SearchSpace.of(Map.of("c", Params.choice("c", "a", "b", "c", "d", "e", "f")));
        // 12 sequential trials: past TPE's 10 random start-up trials, it has learnt that "a" is best
        Tuner.tpe(space, 1).maxTrials(12).threadsPerWorker(1).seed(7).study(dir).run(objective(0));
        List<TrialRecord> first = Tuner.tpe(space, 1).maxTrials(12).threadsPerWorker(1).seed(7).study(dir)
                .run(objective(0)).trials();

        // then 4 workers at once, each trial slow enough that all 4 are proposed while the others run
        List<TrialRecord> all = Tuner.tpe(space, 1).maxTrials(16).workers(4).cores(4).threadsPerWorker(1).seed(7)
                .study(dir).run(objective(400)).trials();

        List<String> parallel = all.subList(first.size(), all.size()).stream().map(t -> t.params().get("c")).toList();
        assertEquals(4, parallel.size());
        assertEquals(4, parallel.stream().distinct().count(), "candidates proposed together: " + parallel);
    }

    private static Objective<Map<String, Object>> objective(long sleepMillis) {
        return Objective.curve((candidate, epoch) -> {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SCORE.get((String) candidate.get("c"));
        });
    }
}
