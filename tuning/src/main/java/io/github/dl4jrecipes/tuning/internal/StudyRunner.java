package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Decision;
import io.github.dl4jrecipes.tuning.Direction;
import io.github.dl4jrecipes.tuning.EpochResult;
import io.github.dl4jrecipes.tuning.Objective;
import io.github.dl4jrecipes.tuning.Observation;
import io.github.dl4jrecipes.tuning.Pruner;
import io.github.dl4jrecipes.tuning.Sampler;
import io.github.dl4jrecipes.tuning.Samplers;
import io.github.dl4jrecipes.tuning.Scheduler;
import io.github.dl4jrecipes.tuning.TrialContext;
import io.github.dl4jrecipes.tuning.TrialRecord;
import io.github.dl4jrecipes.tuning.TrialSession;
import io.github.dl4jrecipes.tuning.TrialSource;
import io.github.dl4jrecipes.tuning.TrialStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.time.Duration;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a study: {@code workers} threads each claim work in a store transaction (take over an
 * orphaned or queued trial, else ask the scheduler to start or promote one), train it epoch by
 * epoch outside the lock, and record every epoch and checkpoint as they go.
 *
 * @param <C> the candidate type
 */
public final class StudyRunner<C> {

    private static final Logger LOG = LoggerFactory.getLogger(StudyRunner.class);
    /** How long an idle worker waits before asking again (short: trials take far longer). */
    private static final long POLL_MILLIS = 25;
    /** Draws of the sampler when its point duplicates a running trial's. */
    static final int SAMPLER_REDRAWS = 4;
    /** Then uniformly random draws, before a duplicate is accepted (a space may have few points). */
    static final int RANDOM_REDRAWS = 16;
    /** Added to the study's seed for each redraw: another random stream per draw. */
    private static final long REDRAW_SEED_STEP = 0x9E3779B97F4A7C15L;
    /** Trials being trained in this JVM, as "dir#number", to tell our own from a killed process's. */
    private static final Set<String> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final String OWNER = Owners.SELF;

    private final UnitSpace<C> space;
    private final StudyBackend store;
    private final Settings settings;
    private final Objective<C> objective;
    private final long deadline;
    /** The first deterministic failure (an objective refusing its inputs): stops every worker. */
    private final AtomicReference<IllegalArgumentException> refused = new AtomicReference<>();
    private Progress progress;

    /**
     * Everything that shapes a run.
     *
     * @param sampler        where new trials go
     * @param scheduler      how many epochs each gets
     * @param pruner         what stops early
     * @param direction      maximise or minimise
     * @param workers        parallel trials
     * @param maxTrials      trials the study may hold
     * @param maxTotalEpochs epochs the study may train in all
     * @param maxWallMillis  how long this run may take (this process)
     * @param retries        restarts of a failing trial before it is marked failed
     * @param seed           the study's seed
     * @param queue          points of queued candidates, NaN where the sampler chooses, trained in this order
     *                       after the space's candidate as given and before the sampler's
     * @param heartbeat      how often this worker says it is alive (where the storage keeps heartbeats)
     * @param directions     every objective's direction, the first being {@code direction}; several make the
     *                       study multi-objective
     */
    public record Settings(Sampler sampler, Scheduler scheduler, Pruner pruner, Direction direction, int workers,
                           int maxTrials, long maxTotalEpochs, long maxWallMillis, int retries, long seed,
                           List<double[]> queue, Duration heartbeat, List<Direction> directions) {
        /** Copies the queue and the directions. */
        public Settings {
            queue = List.copyOf(queue);
            directions = List.copyOf(directions);
        }

        boolean multiObjective() {
            return directions.size() > 1;
        }
    }

    private sealed interface Work {
    }

    private record Train(TrialRecord trial) implements Work {
    }

    private record Idle() implements Work {
    }

    private record Stop() implements Work {
    }

    /**
     * @param space     the search space
     * @param store     the study
     * @param settings  how to run
     * @param objective what to train
     */
    public StudyRunner(UnitSpace<C> space, StudyBackend store, Settings settings, Objective<C> objective) {
        this.space = space;
        this.store = store;
        this.settings = settings;
        this.objective = objective;
        this.deadline = settings.maxWallMillis() == Long.MAX_VALUE ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.maxWallMillis());
    }

    /**
     * Runs until the budget or the schedule is spent; returns the study's records.
     *
     * @throws IllegalArgumentException when the objective refuses a candidate or the data as it opens a trial
     *                                  (its own message): that failure would repeat for every trial, so the study
     *                                  stops at once instead of retrying it and starting more
     */
    public List<TrialRecord> run() {
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tuning-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeats.scheduleWithFixedDelay(this::heartbeat, settings.heartbeat().toMillis(),
                settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        List<TrialRecord> trials;
        try (Progress bar = Progress.start(settings.maxTrials(), finishedCount(store.trials()))) {
            progress = bar;
            trials = runWorkers();
        } finally {
            heartbeats.shutdownNow();
        }
        IllegalArgumentException failure = refused.get();
        if (failure != null) {
            throw new IllegalArgumentException(failure.getMessage(), failure);
        }
        return trials;
    }

    /** Tells the storage that the trials this process trains are alive; a failure waits for the next beat. */
    private void heartbeat() {
        String prefix = store.describe() + "#";
        List<Integer> mine = ACTIVE.stream().filter(k -> k.startsWith(prefix))
                .map(k -> Integer.parseInt(k.substring(prefix.length()))).toList();
        try {
            store.heartbeat(OWNER, mine);
        } catch (RuntimeException e) {
            LOG.warn("{}: heartbeat not sent ({})", store.describe(), e.getMessage());
        }
    }

    private List<TrialRecord> runWorkers() {
        ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "tuning-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < settings.workers(); w++) {
                futures.add(pool.submit(this::workLoop));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(store.describe() + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(store.describe() + ": a worker stopped: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return store.trials();
    }

    private Void workLoop() throws InterruptedException {
        while (true) {
            Work work = store.transact(this::claim);
            if (work instanceof Stop) {
                return null;
            }
            if (work instanceof Idle) {
                Thread.sleep(POLL_MILLIS);
                continue;
            }
            execute(((Train) work).trial());
        }
    }

    private Work claim(TrialLedger ledger) {
        if (System.nanoTime() > deadline || refused.get() != null) {
            return new Stop();
        }
        List<TrialRecord> trials = ledger.trials();
        for (TrialRecord orphan : trials.stream().filter(t -> claimable(t, ledger)).toList()) {
            TrialRecord taken = requeued(orphan);
            ledger.write(taken);
            if (taken.status() == TrialStatus.RUNNING) {
                return started(taken);
            }
        }
        trials = ledger.trials();
        boolean othersRunning = trials.stream().anyMatch(t -> t.status() == TrialStatus.RUNNING);
        Work wait = othersRunning ? new Idle() : new Stop();
        Decision decision = settings.scheduler().next(trials, settings.direction());
        long committed = trials.stream().mapToLong(StudyRunner::committedEpochs).sum();
        if (decision instanceof Decision.Start start) {
            if (ledger.nextNumber() > settings.maxTrials() || committed + start.epochs() > settings.maxTotalEpochs()) {
                return wait;
            }
            int number = ledger.nextNumber();
            TrialRecord created = propose(trials, number, start);
            if (created == null) {
                return wait;
            }
            ledger.write(created);
            return started(created);
        }
        if (decision instanceof Decision.Promote promote) {
            TrialRecord t = trials.stream().filter(r -> r.number() == promote.trial()).findFirst().orElseThrow();
            if (committed + promote.epochs() - t.epochs() > settings.maxTotalEpochs()) {
                return wait;
            }
            TrialRecord promoted = t.withTarget(promote.rung(), promote.epochs()).withStatus(TrialStatus.RUNNING)
                    .withOwner(OWNER);
            ledger.write(promoted);
            LOG.info("trial {} promoted to rung {} ({} epochs)", t.number(), promote.rung(), promote.epochs());
            return started(promoted);
        }
        return decision instanceof Decision.Wait ? new Idle() : wait;
    }

    /**
     * The sampler's next point, unless a trial that runs or waits already has its parameters
     * (workers asking together; TPE's choice in a small categorical space hardly depends on its
     * random stream): then the sampler is asked again with other random streams, and after
     * {@value #SAMPLER_REDRAWS} such draws a uniformly random point that no running trial has is
     * taken (at most {@value #RANDOM_REDRAWS} tries; a space with no such point gets the duplicate).
     * With one worker no trial runs when it asks, so its proposals are unchanged.
     */
    private double[] proposeDistinct(List<TrialRecord> trials, int proposal, int number) {
        Set<Map<String, String>> pending = trials.stream()
                .filter(t -> t.status() == TrialStatus.RUNNING || t.status() == TrialStatus.WAITING)
                .map(TrialRecord::params).collect(java.util.stream.Collectors.toSet());
        List<Observation> history = observations(trials);
        double[] point = null;
        for (int draw = 0; draw < SAMPLER_REDRAWS + RANDOM_REDRAWS; draw++) {
            java.util.Random rng = Seeds.forTrial(settings.seed() + draw * REDRAW_SEED_STEP, number);
            double[] next = draw < SAMPLER_REDRAWS
                    ? settings.sampler().propose(space.dimensions(), history, proposal, rng)
                    : Samplers.random().propose(space.dimensions(), history, proposal, rng);
            if (draw == 0) {
                point = next;
            }
            if (next == null || !pending.contains(space.describe(next))) {
                return next;
            }
        }
        return point;
    }

    /**
     * The next trial: the space's candidate as given until the study has it, then each queued
     * candidate it does not have yet (coordinates the queue leaves open drawn at random), then the
     * sampler's; null when the sampler has nothing left.
     */
    private TrialRecord propose(List<TrialRecord> trials, int number, Decision.Start start) {
        Optional<Map<String, Object>> asGiven = space.asGivenValues();
        if (asGiven.isPresent() && trials.stream().noneMatch(t -> t.source() == TrialSource.AS_GIVEN)) {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            asGiven.get().forEach((name, value) -> params.put(name, String.valueOf(value)));
            return created(number, space.nearestPointOf(asGiven.get()), params, start, TrialSource.AS_GIVEN);
        }
        java.util.Random rng = Seeds.forTrial(settings.seed(), number);
        for (double[] queued : settings.queue()) {
            if (trials.stream().noneMatch(t -> t.source() == TrialSource.QUEUED && fills(queued, t.point()))) {
                double[] point = queued.clone();
                for (int i = 0; i < point.length; i++) {
                    if (Double.isNaN(point[i])) {
                        point[i] = rng.nextDouble();
                    }
                }
                return created(number, point, space.describe(point), start, TrialSource.QUEUED);
            }
        }
        int proposal = 1 + (int) trials.stream().filter(t -> t.source() == TrialSource.SAMPLER).count();
        double[] sampled = proposeDistinct(trials, proposal, number);
        return sampled == null ? null : created(number, sampled, space.describe(sampled), start, TrialSource.SAMPLER);
    }

    private static TrialRecord created(int number, double[] point, Map<String, String> params, Decision.Start start,
                                       TrialSource source) {
        return new TrialRecord(number, TrialStatus.RUNNING, point, params, start.bracket(), start.rung(),
                start.epochs(), List.of(), Map.of(), null, 0, OWNER, 0, null, source);
    }

    /** Whether {@code point} has every coordinate {@code queued} sets. */
    private static boolean fills(double[] queued, double[] point) {
        if (queued.length != point.length) {
            return false;
        }
        for (int i = 0; i < queued.length; i++) {
            if (!Double.isNaN(queued[i]) && queued[i] != point[i]) {
                return false;
            }
        }
        return true;
    }

    private Work started(TrialRecord trial) {
        ACTIVE.add(key(trial.number()));
        return new Train(trial);
    }

    /**
     * A queued trial, or one marked running by a worker that is gone (its process ended, or its
     * heartbeat went stale), or by this JVM but not running here.
     */
    private boolean claimable(TrialRecord t, TrialLedger ledger) {
        if (t.status() == TrialStatus.WAITING) {
            return true;
        }
        if (t.status() != TrialStatus.RUNNING || t.owner() == null) {
            return false;
        }
        if (t.owner().equals(OWNER)) {
            return !ACTIVE.contains(key(t.number()));
        }
        return store.abandoned(t, ledger);
    }

    /**
     * A claimable trial taken by this worker; one another worker left behind counts as a failed
     * attempt (it is requeued while attempts remain, else marked failed) and continues from its last
     * checkpoint.
     */
    private TrialRecord requeued(TrialRecord orphan) {
        if (orphan.status() != TrialStatus.RUNNING || OWNER.equals(orphan.owner())) {
            return orphan.withStatus(TrialStatus.RUNNING).withOwner(OWNER);
        }
        TrialRecord failed = orphan.withFailure("worker " + orphan.owner() + " stopped while training it ("
                + store.describe() + " took it back)");
        if (failed.attempts() > settings.retries()) {
            LOG.warn("trial {}: its worker {} stopped; no retries left, marked failed", orphan.number(), orphan.owner());
            return failed.withStatus(TrialStatus.FAILED).withOwner(null);
        }
        LOG.warn("trial {}: its worker {} stopped; continuing it here from epoch {} (attempt {} of {})",
                orphan.number(), orphan.owner(), orphan.checkpointEpochs(), failed.attempts() + 1, settings.retries() + 1);
        return failed.withStatus(TrialStatus.RUNNING).withOwner(OWNER);
    }

    private void execute(TrialRecord claimed) {
        TrialRecord trial = claimed;
        try {
            Path folder = store.trialFolder(trial.number());
            C candidate = space.candidate(trial);
            try (TrialSession session = open(trial, candidate, folder)) {
                if (session == null) {
                    return;
                }
                int start = 0;
                Optional<Path> checkpoint = trial.checkpoint() != null && trial.checkpointEpochs() > 0
                        ? store.checkpoint(trial.checkpoint()) : Optional.empty();
                if (checkpoint.isPresent()) {
                    session.restore(checkpoint.get());
                    start = trial.checkpointEpochs();
                }
                trial = trial.truncatedTo(start);
                for (int epoch = start; epoch < trial.targetEpochs(); epoch++) {
                    if (System.nanoTime() > deadline || refused.get() != null) {
                        write(trial.withStatus(TrialStatus.WAITING).withOwner(null));
                        LOG.info("trial {} paused at {} epochs: {}", trial.number(), epoch,
                                refused.get() != null ? "the study stopped" : "wall-time budget spent");
                        return;
                    }
                    EpochResult result = session.trainEpoch(epoch);
                    String wrong = checkValues(trial, epoch, result);
                    if (wrong != null) {
                        return;
                    }
                    // a new file per epoch: the record points at the old one until it is rewritten, so a
                    // kill between the two leaves a record and a checkpoint that agree
                    String name = StudyBackend.checkpointName(trial.number(), epoch + 1);
                    store.saveCheckpoint(name, tmp -> save(session, tmp));
                    String previous = trial.checkpoint();
                    TrialRecord next = trial.withEpoch(result, name);
                    trial = store.transact(ledger -> {
                        boolean prune = settings.pruner().shouldPrune(next, ledger.trials(), settings.direction());
                        TrialRecord updated = prune ? next.withStatus(TrialStatus.PRUNED) : next;
                        ledger.write(updated);
                        return updated;
                    });
                    if (previous != null && !previous.equals(name)) {
                        store.deleteCheckpoint(previous);
                    }
                    if (trial.status() == TrialStatus.PRUNED) {
                        finished(trial);
                        return;
                    }
                }
                trial = trial.withStatus(TrialStatus.COMPLETE);
                write(trial);
                finished(trial);
            }
        } catch (Exception | LinkageError e) {
            TrialRecord failed = trial.withFailure(stackTrace(e));
            boolean retry = failed.attempts() <= settings.retries();
            write(failed.withStatus(retry ? TrialStatus.WAITING : TrialStatus.FAILED).withOwner(null));
            LOG.warn("trial {} failed (attempt {} of {}){}: {}", trial.number(), failed.attempts(),
                    settings.retries() + 1, retry ? ", will retry" : "", e.toString());
        } finally {
            ACTIVE.remove(key(claimed.number()));
        }
    }

    /**
     * Opens the trial's session; an {@link IllegalArgumentException} (the objective's checks of the
     * candidate against the data) fails the trial without a retry and stops the study: returns null then.
     */
    private TrialSession open(TrialRecord trial, C candidate, Path folder) throws Exception {
        try {
            return objective.open(candidate, new TrialContext(trial.number(), settings.seed() + trial.number(), folder));
        } catch (IllegalArgumentException e) {
            write(trial.withFailure(stackTrace(e)).withStatus(TrialStatus.FAILED).withOwner(null));
            if (refused.compareAndSet(null, e)) {
                LOG.error("trial {} refused by the objective, not retried; the study stops (every trial would fail the "
                        + "same way): {}", trial.number(), e.getMessage());
            }
            return null;
        }
    }

    /**
     * Null when the epoch's values fit the study; else the trial is failed without a retry and the
     * reason returned: a count other than the study's directions stops the study (every trial would
     * report the same count), a NaN objective of a multi-objective study fails only this trial (a
     * front cannot place it).
     */
    private String checkValues(TrialRecord trial, int epoch, EpochResult result) {
        int expected = settings.directions().size();
        String wrong = null;
        if (result.count() != expected) {
            wrong = "the objective reported " + result.count() + " value(s) after epoch " + (epoch + 1) + " of trial "
                    + trial.number() + ", but the study has " + expected + " direction(s) " + settings.directions()
                    + "; fix: report one value per direction (EpochResult.of(first, second, ...)) or set"
                    + " Tuner.directions(..) to match";
            IllegalArgumentException e = new IllegalArgumentException(wrong);
            if (refused.compareAndSet(null, e)) {
                LOG.error("trial {}: {}; the study stops", trial.number(), wrong);
            }
        } else if (settings.multiObjective() && result.objectives().stream().anyMatch(v -> Double.isNaN(v))) {
            wrong = "objective values " + result.objectives() + " after epoch " + (epoch + 1) + " of trial "
                    + trial.number() + " include NaN; a multi-objective study fails such a trial (no Pareto front can"
                    + " place it)";
            LOG.warn("trial {} failed: {}", trial.number(), wrong);
        }
        if (wrong != null) {
            write(trial.withFailure(wrong).withStatus(TrialStatus.FAILED).withOwner(null));
        }
        return wrong;
    }

    private void finished(TrialRecord trial) {
        List<TrialRecord> all = store.trials();
        if (settings.multiObjective()) {
            int front = io.github.dl4jrecipes.tuning.Leaderboard.of(all, settings.directions()).paretoFront().size();
            LOG.info("trial {} {} after {} epochs: objectives {}; {} trials on the Pareto front", trial.number(),
                    trial.status().name().toLowerCase(java.util.Locale.ROOT), trial.epochs(),
                    java.util.Arrays.stream(trial.objectives()).mapToObj(Numbers::format).toList(), front);
            progress.update(finishedCount(all), front + " on the Pareto front");
            return;
        }
        TrialRecord best = all.stream().filter(t -> !Double.isNaN(t.value())
                        && (t.status() == TrialStatus.COMPLETE || t.status() == TrialStatus.RUNNING))
                .min(java.util.Comparator.comparingDouble(t -> settings.direction().toLoss(t.value())))
                .orElse(trial);
        LOG.info("trial {} {} after {} epochs: objective {}; best so far {} (trial {})", trial.number(),
                trial.status().name().toLowerCase(java.util.Locale.ROOT), trial.epochs(), Numbers.format(trial.value()),
                Numbers.format(best.value()), best.number());
        progress.update(finishedCount(all), "best " + Numbers.format(best.value()) + " (trial " + best.number() + ")");
    }

    private static long finishedCount(List<TrialRecord> trials) {
        return trials.stream().filter(t -> t.status() == TrialStatus.COMPLETE || t.status() == TrialStatus.PRUNED
                || t.status() == TrialStatus.FAILED).count();
    }

    private void write(TrialRecord record) {
        store.transact(ledger -> {
            ledger.write(record);
            return null;
        });
    }

    /**
     * What the sampler learns from: finished trials with their value (a running trial's value is
     * provisional, a failed one has none), and trials still running or queued as the constant liar
     * (Ginsbourger et al.; Optuna's {@code constant_liar}): the worst value seen so far, as pruned
     * trials count, so that workers asking at the same time are sent to different places instead of
     * all to the current favourite.
     */
    private List<Observation> observations(List<TrialRecord> trials) {
        if (settings.multiObjective()) {
            return frontObservations(trials);
        }
        double worst = trials.stream().filter(t -> t.status() == TrialStatus.COMPLETE || t.status() == TrialStatus.PRUNED)
                .mapToDouble(t -> settings.direction().toLoss(t.value())).filter(v -> !Double.isNaN(v))
                .max().orElse(Double.NaN);
        List<Observation> list = new ArrayList<>();
        for (TrialRecord t : trials) {
            boolean complete = t.status() == TrialStatus.COMPLETE;
            boolean valued = complete || t.status() == TrialStatus.PRUNED;
            boolean pending = t.status() == TrialStatus.RUNNING || t.status() == TrialStatus.WAITING;
            double loss = valued ? settings.direction().toLoss(t.value()) : pending ? worst : Double.NaN;
            list.add(new Observation(t.number(), t.point(), loss, complete));
        }
        return list;
    }

    /**
     * A multi-objective study's observations: each complete trial's loss is its Pareto front
     * ({@link Pareto#fronts}; 1 is best), running and queued ones get the worst front (the constant
     * liar), failed ones NaN.
     */
    private List<Observation> frontObservations(List<TrialRecord> trials) {
        List<TrialRecord> complete = trials.stream().filter(t -> t.status() == TrialStatus.COMPLETE).toList();
        Map<Integer, Integer> front = Pareto.frontsByTrial(complete, settings.directions());
        double worst = front.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        List<Observation> list = new ArrayList<>();
        for (TrialRecord t : trials) {
            boolean pending = t.status() == TrialStatus.RUNNING || t.status() == TrialStatus.WAITING;
            double loss = front.containsKey(t.number()) ? front.get(t.number()) : pending && worst > 0 ? worst
                    : Double.NaN;
            list.add(new Observation(t.number(), t.point(), loss, front.containsKey(t.number())));
        }
        return list;
    }

    /** Epochs a trial has trained, or will have when its current target is reached. */
    private static long committedEpochs(TrialRecord t) {
        boolean active = t.status() == TrialStatus.RUNNING || t.status() == TrialStatus.WAITING;
        return active ? Math.max(t.epochs(), t.targetEpochs()) : t.epochs();
    }

    private String key(int number) {
        return store.describe() + "#" + number;
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static void save(TrialSession session, Path file) throws IOException {
        try {
            session.save(file);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot save the trial's checkpoint to " + file, e);
        }
    }
}
