package io.github.dl4jrecipes.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.dl4jrecipes.core.train.internal.Json;
import io.github.dl4jrecipes.tuning.internal.Numbers;
import io.github.dl4jrecipes.tuning.internal.Pareto;
import io.github.dl4jrecipes.tuning.internal.StudyStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The study's finished trials ranked best first: complete trials by their final objective, then
 * pruned ones (ranked by their last value). Trials trained for fewer epochs (lower rungs of
 * successive halving) are ranked by the value they reached, shown with their epochs. A
 * multi-objective study ({@link Tuner#directions}) ranks its complete trials by Pareto front
 * (column {@code front}; 1 = the Pareto front: no other trial is at least as good in every
 * objective and better in one), then by the first objective, and shows every objective.
 */
public final class Leaderboard {

    private final List<TrialRecord> rows;
    private final List<Direction> directions;
    /** Each row's Pareto front, by trial number; empty for one objective. */
    private final Map<Integer, Integer> fronts;

    private Leaderboard(List<TrialRecord> rows, List<Direction> directions, Map<Integer, Integer> fronts) {
        this.rows = List.copyOf(rows);
        this.directions = List.copyOf(directions);
        this.fronts = Map.copyOf(fronts);
    }

    /**
     * @param trials    a study's trials
     * @param direction whether higher is better
     * @return the ranking
     */
    public static Leaderboard of(List<TrialRecord> trials, Direction direction) {
        Comparator<TrialRecord> order = Comparator
                .comparing((TrialRecord t) -> t.status() != TrialStatus.COMPLETE)
                .thenComparingDouble(t -> direction.toLoss(t.value()))
                .thenComparingInt(TrialRecord::number);
        return new Leaderboard(trials.stream()
                .filter(t -> (t.status() == TrialStatus.COMPLETE || t.status() == TrialStatus.PRUNED)
                        && !Double.isNaN(t.value()))
                .sorted(order).toList(), List.of(direction), Map.of());
    }

    /**
     * @param trials     a study's trials
     * @param directions every objective's direction (one: {@link #of(List, Direction)})
     * @return the ranking: by Pareto front, then by the first objective
     */
    public static Leaderboard of(List<TrialRecord> trials, List<Direction> directions) {
        if (directions.size() == 1) {
            return of(trials, directions.get(0));
        }
        List<TrialRecord> complete = trials.stream().filter(t -> t.status() == TrialStatus.COMPLETE
                && t.objectives().length == directions.size()).toList();
        Map<Integer, Integer> fronts = Pareto.frontsByTrial(complete, directions);
        Comparator<TrialRecord> order = Comparator.comparingInt((TrialRecord t) -> fronts.get(t.number()))
                .thenComparingDouble(t -> directions.get(0).toLoss(t.value()))
                .thenComparingInt(TrialRecord::number);
        return new Leaderboard(complete.stream().sorted(order).toList(), directions, fronts);
    }

    /**
     * @return the Pareto front, ranked: the complete trials that no other complete trial is at least as
     *         good as in every objective and better in one (with one objective: the best, and any tied with it)
     */
    public List<TrialRecord> paretoFront() {
        if (fronts.isEmpty()) {
            return rows.stream().filter(t -> t.status() == TrialStatus.COMPLETE
                    && t.value() == rows.get(0).value()).toList();
        }
        return rows.stream().filter(t -> fronts.get(t.number()) == 1).toList();
    }

    /**
     * @param trial a trial number
     * @return its Pareto front (1 = on the front) in a multi-objective study, or 0 when it has none here
     */
    public int front(int trial) {
        return fronts.getOrDefault(trial, 0);
    }

    /** @return every objective's direction */
    public List<Direction> directions() {
        return directions;
    }

    private boolean multi() {
        return directions.size() > 1;
    }

    /** @return the ranked trials, best first */
    public List<TrialRecord> rows() {
        return rows;
    }

    /**
     * @param top how many rows to show
     * @return a fixed-width text table, numbers to {@link Numbers#DIGITS} significant digits
     *         (the CSV and JSON files keep them whole)
     */
    public String toText(int top) {
        List<String> params = paramNames();
        List<List<String>> table = new ArrayList<>();
        List<String> header = columns();
        header.addAll(params);
        table.add(header);
        for (int i = 0; i < Math.min(top, rows.size()); i++) {
            table.add(cells(i, params, true));
        }
        int[] widths = new int[header.size()];
        table.forEach(r -> {
            for (int c = 0; c < r.size(); c++) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (List<String> r : table) {
            for (int c = 0; c < r.size(); c++) {
                sb.append(String.format(Locale.ROOT, "%-" + widths[c] + "s", r.get(c)));
                sb.append(c == r.size() - 1 ? "\n" : "  ");
            }
        }
        return sb.toString();
    }

    /** @param file where to write the table as CSV (atomically) */
    public void writeCsv(Path file) {
        List<String> params = paramNames();
        StringBuilder sb = new StringBuilder(String.join(",", columns()));
        params.forEach(p -> sb.append(',').append(csv(p)));
        sb.append('\n');
        for (int i = 0; i < rows.size(); i++) {
            sb.append(String.join(",", cells(i, params, false).stream().map(Leaderboard::csv).toList())).append('\n');
        }
        write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @param file where to write the table as a JSON array (atomically) */
    public void writeJson(Path file) {
        List<JsonRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            TrialRecord t = rows.get(i);
            out.add(new JsonRow(i + 1, t.number(), t.status(), t.value(), t.epochs(), directions.get(0), t.source(),
                    t.params(), multi() ? fronts.get(t.number()) : null,
                    multi() ? java.util.Arrays.stream(t.objectives()).boxed().toList() : null,
                    multi() ? directions : null));
        }
        try {
            write(file, Json.MAPPER.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One row of {@code leaderboard.json}, its fields in this order; the last three for multi-objective studies. */
    private record JsonRow(int rank, int trial, TrialStatus status, double objective, int epochs, Direction direction,
                           TrialSource source, Map<String, String> params,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer front,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> objectives,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<Direction> directions) {
    }

    /** rank, trial, status, (front,) objective(, objective_2 …), epochs, source. */
    private List<String> columns() {
        List<String> c = new ArrayList<>(List.of("rank", "trial", "status"));
        if (multi()) {
            c.add("front");
        }
        c.add("objective");
        for (int k = 2; k <= directions.size() && multi(); k++) {
            c.add("objective_" + k);
        }
        c.addAll(List.of("epochs", "source"));
        return c;
    }

    /** A row's cells: rounded to {@link Numbers#DIGITS} significant digits for people, whole for files. */
    private List<String> cells(int i, List<String> params, boolean rounded) {
        TrialRecord t = rows.get(i);
        List<String> r = new ArrayList<>(List.of(Integer.toString(i + 1), Integer.toString(t.number()),
                t.status().name().toLowerCase(Locale.ROOT)));
        if (multi()) {
            r.add(Integer.toString(fronts.get(t.number())));
            for (double v : t.objectives()) {
                r.add(rounded ? Numbers.format(v) : Double.toString(v));
            }
        } else {
            r.add(rounded ? Numbers.format(t.value()) : Double.toString(t.value()));
        }
        r.add(Integer.toString(t.epochs()));
        r.add(t.source().name().toLowerCase(Locale.ROOT));
        params.forEach(p -> {
            String value = t.params().getOrDefault(p, "");
            r.add(rounded ? Numbers.formatValue(value) : value);
        });
        return r;
    }

    private List<String> paramNames() {
        TreeSet<String> names = new TreeSet<>();
        rows.forEach(t -> names.addAll(t.params().keySet()));
        return List.copyOf(names);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static void write(Path file, byte[] bytes) {
        StudyStore.writeAtomically(file, bytes);
    }
}
