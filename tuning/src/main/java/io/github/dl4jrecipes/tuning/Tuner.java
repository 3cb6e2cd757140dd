package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.tuning.internal.StudyRunner;
import io.github.dl4jrecipes.tuning.internal.StudyBackend;
import io.github.dl4jrecipes.tuning.internal.StudyStore;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Searches an Arbiter space: pick a strategy with a factory, set budgets and a study directory,
 * and run an {@link Objective}. The study directory makes the search survive: run the same code
 * again after a crash (or from a second process) and it continues without losing or repeating a
 * finished trial.
 *
 * <pre>{@code
 * TuningResult<Map<String, Object>> result = Tuner.asha(space, 1, 27, 3)
 *         .maxTrials(60).workers(2).threadsPerWorker(1)
 *         .study(Path.of("study"))
 *         .run(objective);
 * log.info("{}", result.leaderboard().toText(10));
 * }</pre>
 *
 * <p>A tuner is a builder: its setters validate at once and return it.
 *
 * @param <C> the candidate type
 */
public final class Tuner<C> {

    /** Trials when no budget is set: a small study that finishes (Bergstra &amp; Bengio's random search used 64). */
    public static final int DEFAULT_MAX_TRIALS = 32;
    /** Restarts of a failing trial: one, enough for a transient error, too few to loop on a real one. */
    public static final int DEFAULT_RETRIES = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Tuner.class);

    private final ParameterSpace<C> space;
    private Sampler sampler;
    private Scheduler scheduler;
    private Pruner pruner = Pruner.none();
    private boolean pruning;
    /** Empty for one objective; else every objective's direction, in the order the objective reports them. */
    private List<Direction> directions = List.of();
    /** Null until set: the objective's own direction, or maximise, applies then. */
    private Direction direction;
    private int workers = 1;
    private int threadsPerWorker;
    private int cores = Runtime.getRuntime().availableProcessors();
    private int maxTrials = DEFAULT_MAX_TRIALS;
    private long maxTotalEpochs = Long.MAX_VALUE;
    private long maxWallMillis = Long.MAX_VALUE;
    private int retries = DEFAULT_RETRIES;
    private long seed = Fit.DEFAULT_SEED;
    private StudyStorage storage;
    private final List<Map<String, ?>> queue = new ArrayList<>();

    private Tuner(ParameterSpace<C> space, Sampler sampler, Scheduler scheduler) {
        this.space = Objects.requireNonNull(space, "space");
        this.sampler = sampler;
        this.scheduler = scheduler;
    }

    /**
     * @param space     the space
     * @param sampler   where trials go
     * @param scheduler how many epochs each gets
     * @param <C>       the candidate type
     * @return a tuner
     */
    public static <C> Tuner<C> of(ParameterSpace<C> space, Sampler sampler, Scheduler scheduler) {
        return new Tuner<>(space, Objects.requireNonNull(sampler, "sampler"),
                Objects.requireNonNull(scheduler, "scheduler"));
    }

    /**
     * @param space  the space
     * @param epochs epochs per trial
     * @param <C>    the candidate type
     * @return random search, every trial trained {@code epochs} epochs
     */
    public static <C> Tuner<C> random(ParameterSpace<C> space, int epochs) {
        return of(space, Samplers.random(), Scheduler.fullBudget(epochs));
    }

    /**
     * @param space  the space
     * @param epochs epochs per trial
     * @param <C>    the candidate type
     * @return TPE, every trial trained {@code epochs} epochs
     */
    public static <C> Tuner<C> tpe(ParameterSpace<C> space, int epochs) {
        return of(space, Samplers.tpe(), Scheduler.fullBudget(epochs));
    }

    /**
     * @param space     the space
     * @param minEpochs epochs of the lowest rung
     * @param maxEpochs most epochs a trial gets
     * @param eta       reduction factor, &ge; 2
     * @param <C>       the candidate type
     * @return random sampling with asynchronous successive halving
     */
    public static <C> Tuner<C> asha(ParameterSpace<C> space, int minEpochs, int maxEpochs, int eta) {
        return of(space, Samplers.random(), Scheduler.asha(minEpochs, maxEpochs, eta));
    }

    /**
     * @param space     the space
     * @param minEpochs epochs of the lowest rung
     * @param maxEpochs most epochs a trial gets
     * @param eta       reduction factor, &ge; 2
     * @param <C>       the candidate type
     * @return random sampling with Hyperband's brackets (one sweep; the trial budget is lifted to fit it)
     */
    public static <C> Tuner<C> hyperband(ParameterSpace<C> space, int minEpochs, int maxEpochs, int eta) {
        return of(space, Samplers.random(), Scheduler.hyperband(minEpochs, maxEpochs, eta))
                .maxTrials(Integer.MAX_VALUE);
    }

    /**
     * @param value the sampler
     * @return this tuner
     */
    public Tuner<C> sampler(Sampler value) {
        this.sampler = Objects.requireNonNull(value, "sampler");
        return this;
    }

    /**
     * @param value the scheduler
     * @return this tuner
     */
    public Tuner<C> scheduler(Scheduler value) {
        this.scheduler = Objects.requireNonNull(value, "scheduler");
        return this;
    }

    /**
     * @param value the pruner
     * @return this tuner
     */
    public Tuner<C> pruner(Pruner value) {
        this.pruner = Objects.requireNonNull(value, "pruner");
        this.pruning = true;
        return this;
    }

    /**
     * @param value maximise or minimise (default: the objective's {@link Objective#direction()},
     *              else maximise)
     * @return this tuner
     */
    public Tuner<C> direction(Direction value) {
        this.direction = Objects.requireNonNull(value, "direction");
        return this;
    }

    /**
     * Makes the study multi-objective (a validation metric against parameter count or latency): the
     * objective reports every value after each epoch ({@code EpochResult.of(accuracy, parameters)}), in
     * this order, and the study keeps them all. No trial is then "the best": the leaderboard and the
     * report rank trials by their Pareto front (front 1: no other trial is at least as good in every
     * objective and better in one), marking front 1, then by the first objective. Samplers see each
     * complete trial's front number as its loss, so TPE's good set is the first fronts up to γ·n
     * trials (a simple form of Optuna's MOTPE; within the last front that fits, earlier trials first)
     * and CMA-ES ranks by front. Every trial trains its full budget: successive halving and pruners
     * compare one objective and are refused, as Optuna refuses them.
     *
     * @param first  the first objective's direction
     * @param second the second's
     * @param more   further ones
     * @return this tuner
     */
    public Tuner<C> directions(Direction first, Direction second, Direction... more) {
        List<Direction> all = new ArrayList<>(List.of(Objects.requireNonNull(first, "first"),
                Objects.requireNonNull(second, "second")));
        for (Direction d : more) {
            all.add(Objects.requireNonNull(d, "directions"));
        }
        this.directions = List.copyOf(all);
        return this;
    }

    /**
     * @param value trials trained at once, &ge; 1
     * @return this tuner
     */
    public Tuner<C> workers(int value) {
        positive("workers", value, "1 is always safe");
        this.workers = value;
        return this;
    }

    /**
     * @param value ND4J threads per worker, &ge; 1; workers × threads must not exceed the cores
     * @return this tuner
     */
    public Tuner<C> threadsPerWorker(int value) {
        positive("threadsPerWorker", value, "1 suits small networks");
        this.threadsPerWorker = value;
        return this;
    }

    /**
     * @param value the cores the study may use (default: all the JVM sees)
     * @return this tuner
     */
    public Tuner<C> cores(int value) {
        positive("cores", value, "leave it at the default");
        this.cores = value;
        return this;
    }

    /**
     * @param value trials the study may hold, &ge; 1
     * @return this tuner
     */
    public Tuner<C> maxTrials(int value) {
        positive("maxTrials", value, "a budget of zero runs nothing");
        this.maxTrials = value;
        return this;
    }

    /**
     * @param value epochs the study may train in all, &ge; 1
     * @return this tuner
     */
    public Tuner<C> maxTotalEpochs(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxTotalEpochs must be >= 1, got " + value
                    + "; a budget of zero runs nothing");
        }
        this.maxTotalEpochs = value;
        return this;
    }

    /**
     * @param value how long this run may take; positive
     * @return this tuner
     */
    public Tuner<C> maxWallTime(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("maxWallTime must be positive, got " + value
                    + "; a budget of zero runs nothing");
        }
        this.maxWallMillis = value.toMillis();
        return this;
    }

    /**
     * @param value restarts of a failing trial, &ge; 0
     * @return this tuner
     */
    public Tuner<C> retries(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + value);
        }
        this.retries = value;
        return this;
    }

    /**
     * @param value the study's seed
     * @return this tuner
     */
    public Tuner<C> seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Queues a candidate to train before the sampler's (Optuna's {@code enqueue_trial}): a known good
     * configuration, last study's best. Queued candidates are trained in the order given, after a
     * preset space's recipe as given (always the first trial, {@link TrialSource#AS_GIVEN}); a
     * resumed study trains only those it does not hold yet.
     *
     * @param values hyperparameter values by name (the names of the leaderboard's columns); a value may
     *               be given as text ({@code "0.01"}, {@code "TANH"}); names left out are drawn at random
     * @return this tuner
     * @throws IllegalArgumentException at {@link #run} for an unknown name or a value outside its space
     */
    public Tuner<C> enqueue(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("enqueue: no value given; fix: name at least one hyperparameter, "
                    + "e.g. enqueue(Map.of(\"maxLr\", 0.01))");
        }
        queue.add(new LinkedHashMap<>(values));
        return this;
    }

    /** @param dir the study directory (created if missing, resumed if it holds this space's study) @return this */
    public Tuner<C> study(Path dir) {
        return storage(StudyStorage.directory(dir));
    }

    /**
     * @param value where the study lives: a directory, or a database shared by workers on many machines
     *              ({@link StudyStorage#jdbc(String, String)})
     * @return this
     */
    public Tuner<C> storage(StudyStorage value) {
        this.storage = Objects.requireNonNull(value, "storage");
        return this;
    }

    /**
     * Runs the study until a budget or the schedule is spent, then writes the leaderboard (CSV,
     * JSON) and the HTML report into the study directory.
     *
     * @param objective what each trial trains
     * @return the study's results
     * @throws IllegalArgumentException with the objective's own message when it refuses a trial's candidate as it
     *                                  opens it ({@link Objective#open}): the trial is recorded as failed, no other
     *                                  trial starts, and running ones pause to resume later
     */
    public TuningResult<C> run(Objective<C> objective) {
        Objects.requireNonNull(objective, "objective");
        int threads = threadsPerWorker == 0 ? Math.max(1, cores / workers) : threadsPerWorker;
        if ((long) workers * threads > cores) {
            throw new IllegalArgumentException("workers x threadsPerWorker must be <= cores: " + workers + " x "
                    + threads + " > " + cores + "; lower workers or threadsPerWorker (e.g. workers(" + cores
                    + ").threadsPerWorker(1))");
        }
        List<Direction> all = directions(objective);
        Direction direction = all.get(0);
        UnitSpace<C> unit = UnitSpace.of(space);
        List<double[]> queued = queue.stream().map(unit::pointOf).toList();
        String strategy = StudyStore.describe(sampler) + " + " + StudyStore.describe(scheduler);
        Double lrFinderPick = space instanceof RecipeSpace<?, ?> recipes ? recipes.lrFinderPick().orElse(null) : null;
        StudyStorage where = storage != null ? storage : StudyStorage.directory(newStudyDir());
        try (StudyBackend store = where.open(unit, space.toString(), all, strategy, lrFinderPick)) {
            applyThreads(threads);
            LOG.info("{}: {} workers x {} ND4J threads, {} hyperparameters", store.describe(), workers, threads,
                    unit.dimensions().size());
            StudyRunner.Settings settings = new StudyRunner.Settings(sampler, scheduler, pruner, direction, workers,
                    maxTrials, maxTotalEpochs, maxWallMillis, retries, seed, queued, where.heartbeat(), all);
            List<TrialRecord> trials = new StudyRunner<>(unit, store, settings, objective).run();
            TuningResult<C> result = new TuningResult<>(unit, store.reportDir(), trials, all);
            result.writeReports();
            return result;
        }
    }

    /** Every objective's direction (one for a single-objective study), checked against the schedule. */
    private List<Direction> directions(Objective<C> objective) {
        if (directions.isEmpty()) {
            return List.of(direction(objective));
        }
        String which = "Tuner.directions" + directions;
        if (direction != null) {
            throw new IllegalArgumentException(which + " and direction(" + direction + ") both set; fix: drop"
                    + " direction(..), directions(..) gives the first objective's direction");
        }
        Optional<Direction> declared = objective.direction();
        if (declared.isPresent() && declared.get() != directions.get(0)) {
            throw new IllegalArgumentException(which + " contradicts the objective, whose first value improves by "
                    + declared.get() + "; fix: make " + declared.get() + " the first direction");
        }
        if (!(scheduler instanceof FullBudget)) {
            throw new IllegalArgumentException(which + ": a multi-objective study trains every trial to its full"
                    + " budget, but the scheduler is " + StudyStore.describe(scheduler) + " (successive halving"
                    + " promotes by one objective); fix: Scheduler.fullBudget(epochs), e.g. Tuner.of(space, sampler,"
                    + " Scheduler.fullBudget(epochs))");
        }
        if (pruning) {
            throw new IllegalArgumentException(which + ": pruners compare one objective, so a multi-objective study"
                    + " cannot prune (Optuna refuses it too); fix: drop pruner(..)");
        }
        return directions;
    }

    private Direction direction(Objective<C> objective) {
        Optional<Direction> declared = objective.direction();
        if (direction != null && declared.isPresent() && declared.get() != direction) {
            throw new IllegalArgumentException("direction(" + direction + ") contradicts the objective, whose value "
                    + "improves by " + declared.get() + " (e.g. a loss); fix: drop direction(..) or pass "
                    + declared.get());
        }
        return direction != null ? direction : declared.orElse(Direction.MAXIMIZE);
    }

    /** Caps ND4J's threads per op; objectives that never touch ND4J run without a backend. */
    private static void applyThreads(int threads) {
        try {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.getEnvironment().setMaxThreads(threads);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("could not set ND4J to {} threads per worker (no ND4J backend on the classpath?): {}", threads,
                    e.toString());
        }
    }

    private static Path newStudyDir() {
        try {
            return Files.createTempDirectory("dl4j-recipes-study-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a study directory; set one with study(dir)", e);
        }
    }

    private static void positive(String name, int value, String hint) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value + "; " + hint);
        }
    }
}
