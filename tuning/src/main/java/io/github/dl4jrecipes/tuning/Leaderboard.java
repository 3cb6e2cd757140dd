package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.train.internal.Json;
import io.github.dl4jrecipes.tuning.internal.Numbers;
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
 * successive halving) are ranked by the value they reached, shown with their epochs.
 */
public final class Leaderboard {

    private final List<TrialRecord> rows;
    private final Direction direction;

    private Leaderboard(List<TrialRecord> rows, Direction direction) {
        this.rows = List.copyOf(rows);
        this.direction = direction;
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
                .sorted(order).toList(), direction);
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
        List<String> header = new ArrayList<>(List.of("rank", "trial", "status", "objective", "epochs", "source"));
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
        StringBuilder sb = new StringBuilder("rank,trial,status,objective,epochs,source");
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
            out.add(new JsonRow(i + 1, t.number(), t.status(), t.value(), t.epochs(), direction, t.source(), t.params()));
        }
        try {
            write(file, Json.MAPPER.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One row of {@code leaderboard.json}, its fields in this order. */
    private record JsonRow(int rank, int trial, TrialStatus status, double objective, int epochs, Direction direction,
                           TrialSource source, Map<String, String> params) {
    }

    /** A row's cells: rounded to {@link Numbers#DIGITS} significant digits for people, whole for files. */
    private List<String> cells(int i, List<String> params, boolean rounded) {
        TrialRecord t = rows.get(i);
        List<String> r = new ArrayList<>(List.of(Integer.toString(i + 1), Integer.toString(t.number()),
                t.status().name().toLowerCase(Locale.ROOT),
                rounded ? Numbers.format(t.value()) : Double.toString(t.value()), Integer.toString(t.epochs()),
                t.source().name().toLowerCase(Locale.ROOT)));
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
