package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.tuning.internal.Seeds;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Any {@link Sampler} (TPE, zoom-in …) as an Arbiter {@link CandidateGenerator}, for Arbiter's
 * own {@code LocalOptimizationRunner}: candidates are drawn from the sampler, and the scores
 * Arbiter reports back become the sampler's history. (Arbiter's runner keeps no study directory;
 * use {@link Tuner} for resumable studies and successive halving.)
 *
 * <pre>{@code
 * CandidateGenerator tpe = SamplerCandidateGenerator.of(multiLayerSpace, Samplers.tpe(), Direction.MAXIMIZE);
 * OptimizationConfiguration conf = new OptimizationConfiguration.Builder().candidateGenerator(tpe)...build();
 * }</pre>
 *
 * @param <T> the candidate type
 */
public final class SamplerCandidateGenerator<T> implements CandidateGenerator {

    private final ParameterSpace<T> space;
    private final UnitSpace<T> unit;
    private final Sampler sampler;
    private final Direction direction;
    private final List<Observation> history = new ArrayList<>();
    private long seed = Fit.DEFAULT_SEED;
    private int issued;
    private double[] pending;

    private SamplerCandidateGenerator(ParameterSpace<T> space, Sampler sampler, Direction direction) {
        this.space = space;
        this.unit = UnitSpace.of(space);
        this.sampler = sampler;
        this.direction = direction;
    }

    /**
     * @param space     the Arbiter space (its leaves get their indices here)
     * @param sampler   the strategy
     * @param direction whether Arbiter's score is to be maximised or minimised
     * @param <T>       the candidate type
     * @return the generator
     */
    public static <T> SamplerCandidateGenerator<T> of(ParameterSpace<T> space, Sampler sampler, Direction direction) {
        return new SamplerCandidateGenerator<>(Objects.requireNonNull(space, "space"),
                Objects.requireNonNull(sampler, "sampler"), Objects.requireNonNull(direction, "direction"));
    }

    @Override
    public synchronized boolean hasMoreCandidates() {
        return peek() != null;
    }

    @Override
    public synchronized Candidate<T> getCandidate() {
        double[] x = peek();
        if (x == null) {
            throw new IllegalStateException("the sampler has no more candidates; check hasMoreCandidates() first");
        }
        pending = null;
        int index = issued++;
        return new Candidate<>(unit.value(x), index, x);
    }

    @Override
    public synchronized void reportResults(OptimizationResult result) {
        Candidate<?> c = result.getCandidate();
        Double score = result.getScore();
        boolean ok = score != null && !score.isNaN();
        history.add(new Observation(c.getIndex() + 1, c.getFlatParameters(),
                ok ? direction.toLoss(score) : Double.NaN, ok));
    }

    /** @return how many results Arbiter has reported so far */
    public synchronized int reported() {
        return history.size();
    }

    @Override
    public ParameterSpace<T> getParameterSpace() {
        return space;
    }

    @Override
    public synchronized void setRngSeed(long rngSeed) {
        this.seed = rngSeed;
    }

    /** @return Object: the candidate's class is whatever the space builds (Arbiter only displays it) */
    @Override
    public Class<?> getCandidateType() {
        return Object.class;
    }

    private double[] peek() {
        if (pending == null) {
            int trial = issued + 1;
            pending = sampler.propose(unit.dimensions(), List.copyOf(history), trial, Seeds.forTrial(seed, trial));
        }
        return pending;
    }
}
