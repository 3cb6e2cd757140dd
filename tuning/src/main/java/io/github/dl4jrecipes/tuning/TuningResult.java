package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.tuning.internal.Axis;
import io.github.dl4jrecipes.tuning.internal.HtmlReport;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What a study found: every trial, the best one (and its candidate, rebuilt from the space), the
 * leaderboard, hyperparameter importance, and the files written into the study directory
 * ({@code leaderboard.csv}, {@code leaderboard.json}, {@code report.html}).
 *
 * @param <C> the candidate type
 */
public final class TuningResult<C> {

    private final UnitSpace<C> space;
    private final Path dir;
    private final List<TrialRecord> trials;
    private final List<Direction> directions;
    private final Leaderboard leaderboard;

    TuningResult(UnitSpace<C> space, Path dir, List<TrialRecord> trials, List<Direction> directions) {
        this.space = space;
        this.dir = dir;
        this.trials = List.copyOf(trials);
        this.directions = List.copyOf(directions);
        this.leaderboard = Leaderboard.of(trials, directions);
    }

    /** @return every trial in the study, in number order */
    public List<TrialRecord> trials() {
        return trials;
    }

    /**
     * @return the complete trials no other one is at least as good as in every objective and better in
     *         one, ranked by the first objective ({@link Leaderboard#paretoFront()}); for one objective the best
     */
    public List<TrialRecord> paretoFront() {
        return leaderboard.paretoFront();
    }

    /** @return the best finished trial, if any (multi-objective: the front's best by the first objective) */
    public Optional<TrialRecord> best() {
        return leaderboard.rows().stream().findFirst();
    }

    /** @return the best trial's candidate (a DL4J configuration, a map …), if any */
    public Optional<C> bestCandidate() {
        return best().map(space::candidate);
    }

    /**
     * @return the best trial's candidate
     * @throws NoSuchElementException when no trial finished
     */
    C requireBestCandidate() {
        return bestCandidate().orElseThrow(() -> new NoSuchElementException("study " + dir
                + " has no finished trial to take the best candidate from; fix: run it with a larger budget "
                + "(maxTrials, maxTotalEpochs, maxWallTime) or look at the failed trials' errors in its trials/ folder"));
    }

    /** @return the ranking of finished trials */
    public Leaderboard leaderboard() {
        return leaderboard;
    }

    /** @return each hyperparameter's share of the objective's variance; see {@link Importance} */
    public Map<String, Double> importance() {
        return Importance.of(trials, space.dimensions(), directions.get(0));
    }

    /** @return the study directory */
    public Path studyDir() {
        return dir;
    }

    /** @return the HTML report's path */
    public Path report() {
        return dir.resolve(HtmlReport.FILE_NAME);
    }

    void writeReports() {
        writeReports(dir, trials, space.dimensions(), space.axes(), directions);
    }

    /** Writes the leaderboard (CSV, JSON) and the HTML report of these trials into {@code dir}. */
    static Leaderboard writeReports(Path dir, List<TrialRecord> trials, List<Dimension> dimensions, List<Axis> axes,
                                    List<Direction> directions) {
        Leaderboard board = Leaderboard.of(trials, directions);
        board.writeCsv(dir.resolve("leaderboard.csv"));
        board.writeJson(dir.resolve("leaderboard.json"));
        HtmlReport.write(dir.resolve(HtmlReport.FILE_NAME), trials, dimensions, axes,
                Importance.of(trials, dimensions, directions.get(0)), board);
        return board;
    }
}
