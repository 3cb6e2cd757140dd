package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Runs one of Arbiter's own {@link CandidateGenerator}s (random, grid, genetic) as a sampler: its
 * candidates' flat parameters are the unit-cube points, and finished trials are reported back to
 * it. Arbiter's generators keep their state in memory; on resume the adapter replays as many
 * candidates as the study already holds, which continues a grid where it stopped.
 */
final class ArbiterSampler implements Sampler {

    private final CandidateGenerator generator;
    private final Map<Integer, Candidate<?>> issued = new HashMap<>();
    private final Set<Integer> reported = new HashSet<>();
    private int drawn;

    ArbiterSampler(CandidateGenerator generator) {
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    @Override
    public synchronized double[] propose(List<Dimension> dimensions, List<Observation> history, int trial,
                                         Random rng) {
        for (Observation o : history) {
            Candidate<?> c = issued.get(o.trial());
            if (c != null && o.complete() && reported.add(o.trial())) {
                // Arbiter's generators maximise or minimise by their own configuration; they see the raw loss
                generator.reportResults(new OptimizationResult(c, o.loss(), c.getIndex(), null, null, null));
            }
        }
        while (drawn < trial - 1 && generator.hasMoreCandidates()) {
            generator.getCandidate();
            drawn++;
        }
        if (!generator.hasMoreCandidates()) {
            return null;
        }
        Candidate<?> candidate = generator.getCandidate();
        drawn++;
        issued.put(trial, candidate);
        return candidate.getFlatParameters().clone();
    }

    /** @return the generator's class, what a study records of this sampler */
    @Override
    public String toString() {
        return "ArbiterSampler[" + generator.getClass().getName() + "]";
    }
}
