package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Dimension;
import io.github.dl4jrecipes.tuning.Direction;
import io.github.dl4jrecipes.tuning.Importance;
import io.github.dl4jrecipes.tuning.Leaderboard;
import io.github.dl4jrecipes.tuning.TrialRecord;
import io.github.dl4jrecipes.tuning.TrialStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A study's report as one static HTML file: optimisation history, learning curves (when trials
 * train for several epochs), parallel coordinates, hyperparameter importance and the leaderboard,
 * drawn as inline SVG with ticks on every axis. Numbers are shown to {@link Numbers#DIGITS}
 * significant digits (the leaderboard's CSV and JSON keep them whole). No script, no style sheet
 * or font from elsewhere: it opens from disk in any browser, offline.
 */
public final class HtmlReport {

    /** The report's file name in the study directory. */
    public static final String FILE_NAME = "report.html";
    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int MARGIN = 56;
    private static final int TICK = 4;
    private static final int BAR_HEIGHT = 22;
    private static final int LEADERBOARD_ROWS = 20;
    private static final String COMPLETE_COLOR = "#1f77b4";
    private static final String OTHER_COLOR = "#aaaaaa";
    private static final String PRUNED_COLOR = "#d62728";

    private HtmlReport() {
    }

    /**
     * Writes the report atomically.
     *
     * @param file        where
     * @param trials      every trial
     * @param dimensions  the space's coordinates
     * @param axes        how to draw each coordinate ({@link UnitSpace#axes()})
     * @param importance  η² per hyperparameter (empty below {@link Importance#MIN_TRIALS} complete trials)
     * @param board       the ranked trials, with every objective's direction (one: a single-objective study)
     */
    public static void write(Path file, List<TrialRecord> trials, List<Dimension> dimensions, List<Axis> axes,
                             Map<String, Double> importance, Leaderboard board) {
        List<Direction> directions = board.directions();
        Direction direction = directions.get(0);
        List<TrialRecord> leaderboard = board.rows();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tuning study</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 8px;font-size:13px}svg{background:#fafafa}")
                .append("</style></head><body>\n<h1>Tuning study</h1>\n");
        long complete = trials.stream().filter(t -> t.status() == TrialStatus.COMPLETE).count();
        h.append("<p>").append(trials.size()).append(" trials, ").append(complete).append(" complete; ");
        if (directions.size() > 1) {
            for (int k = 0; k < directions.size(); k++) {
                h.append(k == 0 ? "objectives " : ", ").append(k + 1).append(' ')
                        .append(directions.get(k) == Direction.MAXIMIZE ? "maximised" : "minimised");
            }
            h.append("; ").append(board.paretoFront().size()).append(" trials on the Pareto front");
        } else {
            h.append("objective ").append(direction == Direction.MAXIMIZE ? "maximised" : "minimised");
        }
        if (!leaderboard.isEmpty() && directions.size() == 1) {
            h.append("; best ").append(Numbers.format(leaderboard.get(0).value())).append(" (trial ")
                    .append(leaderboard.get(0).number()).append(')');
        }
        h.append(".</p>\n");
        if (directions.size() > 1) {
            pareto(h, board);
        }
        history(h, trials, direction);
        curves(h, trials);
        parallel(h, trials, dimensions, axes, direction);
        importance(h, importance, complete);
        table(h, board);
        h.append("</body></html>\n");
        StudyStore.writeAtomically(file, h.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void history(StringBuilder h, List<TrialRecord> trials, Direction direction) {
        List<TrialRecord> valued = trials.stream().filter(t -> !Double.isNaN(t.value())).toList();
        h.append("<h2>Optimization history</h2>\n<p>Each point is a trial's last objective, by trial number (grey:")
                .append(" not complete); the red line is the best complete trial so far.</p>\n");
        open(h, "history", HEIGHT);
        frame(h, "trial", "objective");
        if (!valued.isEmpty()) {
            double lo = valued.stream().mapToDouble(TrialRecord::value).min().orElse(0);
            double hi = valued.stream().mapToDouble(TrialRecord::value).max().orElse(1);
            int maxTrial = valued.stream().mapToInt(TrialRecord::number).max().orElse(1);
            xTicks(h, 1, maxTrial, true);
            yTicks(h, lo, hi);
            StringBuilder best = new StringBuilder();
            double bestSoFar = Double.NaN;
            for (TrialRecord t : valued) {
                double x = scaleX(t.number(), 1, maxTrial);
                double y = scaleY(t.value(), lo, hi);
                String color = t.status() == TrialStatus.COMPLETE ? COMPLETE_COLOR : OTHER_COLOR;
                h.append(String.format(Locale.ROOT, "<circle class=\"trial\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\""
                        + " fill=\"%s\"><title>trial %d (%s): %s</title></circle>", x, y, color, t.number(),
                        t.status().name().toLowerCase(Locale.ROOT), Numbers.format(t.value())));
                if (t.status() == TrialStatus.COMPLETE
                        && (Double.isNaN(bestSoFar) || direction.better(t.value(), bestSoFar))) {
                    bestSoFar = t.value();
                }
                if (!Double.isNaN(bestSoFar)) {
                    best.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, scaleY(bestSoFar, lo, hi)));
                }
            }
            h.append("<polyline id=\"best-so-far\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"")
                    .append(best.toString().trim()).append("\"/>");
        }
        h.append("</svg>\n");
    }

    /** One learning curve per trial over its epochs, pruned trials marked; only when trials train several epochs. */
    private static void curves(StringBuilder h, List<TrialRecord> trials) {
        int maxEpochs = trials.stream().mapToInt(TrialRecord::epochs).max().orElse(0);
        if (maxEpochs < 2) {
            return;
        }
        List<TrialRecord> valued = trials.stream().filter(t -> t.epochs() > 0).toList();
        double lo = valued.stream().flatMap(t -> t.values().stream()).mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = valued.stream().flatMap(t -> t.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        h.append("<h2>Learning curves</h2>\n<p>The objective after each epoch of each trial (intermediate values);")
                .append(" a red cross marks where a pruned trial stopped.</p>\n");
        open(h, "curves", HEIGHT);
        frame(h, "epoch", "objective");
        xTicks(h, 1, maxEpochs, true);
        yTicks(h, lo, hi);
        for (TrialRecord t : valued) {
            StringBuilder pts = new StringBuilder();
            for (int e = 1; e <= t.epochs(); e++) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", scaleX(e, 1, maxEpochs),
                        scaleY(t.valueAt(e), lo, hi)));
            }
            boolean pruned = t.status() == TrialStatus.PRUNED;
            h.append(String.format(Locale.ROOT, "<polyline class=\"curve\" fill=\"none\" stroke=\"%s\""
                    + " stroke-opacity=\"0.6\" points=\"%s\"><title>trial %d (%s): %s after %d epochs</title>"
                    + "</polyline>", pruned ? PRUNED_COLOR : COMPLETE_COLOR, pts.toString().trim(), t.number(),
                    t.status().name().toLowerCase(Locale.ROOT), Numbers.format(t.value()), t.epochs()));
            if (pruned) {
                double x = scaleX(t.epochs(), 1, maxEpochs);
                double y = scaleY(t.value(), lo, hi);
                h.append(String.format(Locale.ROOT, "<path class=\"pruned\" d=\"M%.1f %.1fl8 8m0 -8l-8 8\""
                        + " stroke=\"%s\" stroke-width=\"2\"><title>trial %d pruned after %d epochs</title></path>",
                        x - 4, y - 4, PRUNED_COLOR, t.number(), t.epochs()));
            }
        }
        h.append("</svg>\n");
    }

    private static void parallel(StringBuilder h, List<TrialRecord> trials, List<Dimension> dims, List<Axis> axes,
                                 Direction direction) {
        List<TrialRecord> done = trials.stream()
                .filter(t -> t.status() == TrialStatus.COMPLETE && !Double.isNaN(t.value())).toList();
        int count = dims.size() + 1;
        h.append("<h2>Parallel coordinates</h2>\n<p>Each line is a complete trial; each axis spans a")
                .append(" hyperparameter's range (log scale where the range is log-uniform; each category at one")
                .append(" place); darker lines are better.</p>\n");
        open(h, "parallel", HEIGHT);
        double step = (WIDTH - 2.0 * MARGIN) / Math.max(1, count - 1);
        for (int a = 0; a < dims.size(); a++) {
            double x = MARGIN + a * step;
            axisLine(h, x, dims.get(a).name());
            for (Axis.Tick tick : axes.get(a).ticks()) {
                tickLabel(h, x, scaleY(tick.unit(), 0, 1), tick.label());
            }
        }
        double objectiveX = MARGIN + dims.size() * step;
        axisLine(h, objectiveX, "objective");
        if (!done.isEmpty()) {
            double lo = done.stream().mapToDouble(TrialRecord::value).min().orElse(0);
            double hi = done.stream().mapToDouble(TrialRecord::value).max().orElse(1);
            for (double v : Ticks.linear(lo, hi)) {
                tickLabel(h, objectiveX, scaleY(v, lo, hi), Numbers.format(v));
            }
            for (TrialRecord t : done) {
                StringBuilder pts = new StringBuilder();
                for (int a = 0; a < dims.size(); a++) {
                    Dimension d = dims.get(a);
                    double unit = d.isCategorical() ? d.unitOf(d.category(t.point()[a])) : t.point()[a];
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", MARGIN + a * step, scaleY(unit, 0, 1)));
                }
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f", objectiveX, scaleY(t.value(), lo, hi)));
                double quality = hi == lo ? 1 : (direction.toLoss(hi) < direction.toLoss(lo)
                        ? (t.value() - lo) / (hi - lo) : (hi - t.value()) / (hi - lo));
                h.append(String.format(Locale.ROOT, "<polyline class=\"trial-line\" fill=\"none\" stroke=\"#08306b\""
                        + " stroke-opacity=\"%.2f\" points=\"%s\"><title>trial %d: %s %s</title></polyline>",
                        0.15 + 0.85 * quality, pts, t.number(), Numbers.format(t.value()), escape(params(t))));
            }
        }
        h.append("</svg>\n");
    }

    private static void importance(StringBuilder h, Map<String, Double> importance, long complete) {
        h.append("<h2>Hyperparameter importance</h2>\n<p>Correlation ratio η² of the objective over quartile")
                .append(" bins of each hyperparameter (one-way ANOVA): the share of the objective's variance")
                .append(" that the hyperparameter alone explains.</p>\n");
        if (importance.isEmpty()) {
            h.append("<p id=\"importance-hidden\"><strong>Hidden:</strong> ").append(complete)
                    .append(" complete trial(s); importance needs at least ").append(Importance.MIN_TRIALS)
                    .append(" (two per quartile bin) before it tells more than noise.</p>\n");
            return;
        }
        int labelWidth = WIDTH / 3;
        int barsWidth = WIDTH - labelWidth - MARGIN;
        int height = importance.size() * BAR_HEIGHT + 2 * BAR_HEIGHT;
        open(h, "importance", height);
        int row = 0;
        for (Map.Entry<String, Double> e : importance.entrySet()) {
            double w = barsWidth * Math.max(0, Math.min(1, e.getValue()));
            int y = row++ * BAR_HEIGHT + 4;
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>"
                    + "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#2ca02c\">"
                    + "<title>%s</title></rect><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>",
                    labelWidth - 6, y + 14, escape(shorten(e.getKey())), labelWidth, y, w, BAR_HEIGHT - 6,
                    Numbers.format(e.getValue()), labelWidth + w + 4, y + 14, Numbers.format(e.getValue())));
        }
        int axisY = row * BAR_HEIGHT + 6;
        h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                labelWidth, axisY, labelWidth + barsWidth, axisY));
        for (double v : Ticks.linear(0, 1)) {
            double x = labelWidth + barsWidth * v;
            h.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                    + " stroke=\"#444\"/><text class=\"tick-label\" x=\"%.1f\" y=\"%d\" font-size=\"10\""
                    + " text-anchor=\"middle\">%s</text>", x, axisY, x, axisY + TICK, x, axisY + 16, Numbers.format(v)));
        }
        h.append("</svg>\n");
    }

    /**
     * The first two objectives of every complete trial, the Pareto front's trials marked (filled,
     * class {@code pareto-front}) and joined by a line in the order of the first objective; the
     * others hollow (class {@code dominated}).
     */
    private static void pareto(StringBuilder h, Leaderboard board) {
        List<TrialRecord> rows = board.rows();
        h.append("<h2>Pareto front</h2>\n<p>Each point is a complete trial's first two objectives (")
                .append(objectiveWords(board.directions(), 0)).append(" across, ").append(objectiveWords(board.directions(), 1))
                .append(" up); filled points joined by the line are the Pareto front: no other trial is at least as")
                .append(" good in every objective and better in one.</p>\n");
        open(h, "pareto", HEIGHT);
        frame(h, "objective 1", "objective 2");
        if (!rows.isEmpty()) {
            double xLo = rows.stream().mapToDouble(t -> t.objectives()[0]).min().orElse(0);
            double xHi = rows.stream().mapToDouble(t -> t.objectives()[0]).max().orElse(1);
            double yLo = rows.stream().mapToDouble(t -> t.objectives()[1]).min().orElse(0);
            double yHi = rows.stream().mapToDouble(t -> t.objectives()[1]).max().orElse(1);
            xTicks(h, xLo, xHi, false);
            yTicks(h, yLo, yHi);
            StringBuilder line = new StringBuilder();
            board.paretoFront().stream().sorted(java.util.Comparator.comparingDouble(t -> t.objectives()[0]))
                    .forEach(t -> line.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                            scaleX(t.objectives()[0], xLo, xHi), scaleY(t.objectives()[1], yLo, yHi))));
            h.append("<polyline id=\"pareto-line\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"")
                    .append(line.toString().trim()).append("\"/>");
            for (TrialRecord t : rows) {
                boolean front = board.front(t.number()) == 1;
                double[] o = t.objectives();
                h.append(String.format(Locale.ROOT, "<circle class=\"%s\" data-trial=\"%d\" cx=\"%.1f\" cy=\"%.1f\""
                        + " r=\"4\" fill=\"%s\" stroke=\"%s\"><title>trial %d: %s</title></circle>",
                        front ? "pareto-front" : "dominated", t.number(), scaleX(o[0], xLo, xHi), scaleY(o[1], yLo, yHi),
                        front ? "#d62728" : "none", front ? "#d62728" : COMPLETE_COLOR, t.number(), values(o, ", ")));
            }
        }
        h.append("</svg>\n");
    }

    private static String objectiveWords(List<Direction> directions, int k) {
        return "objective " + (k + 1) + ", " + (directions.get(k) == Direction.MAXIMIZE ? "higher" : "lower")
                + " is better";
    }

    private static String values(double[] o, String separator) {
        return Arrays.stream(o).mapToObj(Numbers::format).collect(Collectors.joining(separator));
    }

    private static void table(StringBuilder h, Leaderboard board) {
        List<TrialRecord> rows = board.rows();
        boolean multi = board.directions().size() > 1;
        TreeSet<String> params = new TreeSet<>();
        rows.forEach(t -> params.addAll(t.params().keySet()));
        h.append("<h2>Leaderboard</h2>\n<table id=\"leaderboard\"><tr><th>rank</th><th>trial</th><th>status</th>");
        if (multi) {
            h.append("<th>front</th>");
            for (int k = 1; k <= board.directions().size(); k++) {
                h.append("<th>objective ").append(k).append("</th>");
            }
        } else {
            h.append("<th>objective</th>");
        }
        h.append("<th>epochs</th><th>source</th>");
        params.forEach(p -> h.append("<th>").append(escape(p)).append("</th>"));
        h.append("</tr>\n");
        for (int i = 0; i < Math.min(LEADERBOARD_ROWS, rows.size()); i++) {
            TrialRecord t = rows.get(i);
            h.append("<tr><td>").append(i + 1).append("</td><td>").append(t.number()).append("</td><td>")
                    .append(t.status().name().toLowerCase(Locale.ROOT)).append("</td><td>");
            if (multi) {
                int front = board.front(t.number());
                h.append(front == 1 ? "1 (Pareto)" : Integer.toString(front)).append("</td><td>")
                        .append(values(t.objectives(), "</td><td>"));
            } else {
                h.append(Numbers.format(t.value()));
            }
            h.append("</td><td>").append(t.epochs()).append("</td><td>")
                    .append(t.source().name().toLowerCase(Locale.ROOT)).append("</td>");
            params.forEach(p -> h.append("<td>").append(escape(Numbers.formatValue(t.params().getOrDefault(p, ""))))
                    .append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String params(TrialRecord t) {
        StringBuilder sb = new StringBuilder("{");
        t.params().forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
                .append(Numbers.formatValue(v)));
        return sb.append('}').toString();
    }

    private static void open(StringBuilder h, String id, int height) {
        h.append("<svg id=\"").append(id).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    }

    private static void frame(StringBuilder h, String x, String y) {
        h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>"
                + "<text x=\"12\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN, MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN,
                WIDTH / 2, HEIGHT - 12, x, HEIGHT / 2, HEIGHT / 2, y));
    }

    /** Ticks on the x axis at integer values (trial numbers, epochs) from {@code lo} to {@code hi}. */
    private static void xTicks(StringBuilder h, double lo, double hi, boolean integers) {
        for (double v : Ticks.linear(lo, hi)) {
            if (integers && v != Math.rint(v)) {
                continue;
            }
            double x = scaleX(v, lo, hi);
            h.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                    + " stroke=\"#444\"/><text class=\"x-tick\" x=\"%.1f\" y=\"%d\" font-size=\"10\""
                    + " text-anchor=\"middle\">%s</text>", x, HEIGHT - MARGIN, x, HEIGHT - MARGIN + TICK, x,
                    HEIGHT - MARGIN + 16, Numbers.format(v)));
        }
    }

    private static void yTicks(StringBuilder h, double lo, double hi) {
        for (double v : Ticks.linear(lo, hi)) {
            double y = scaleY(v, lo, hi);
            h.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                    + " stroke=\"#444\"/><text class=\"y-tick\" x=\"%d\" y=\"%.1f\" font-size=\"10\""
                    + " text-anchor=\"end\">%s</text>", MARGIN - TICK, y, MARGIN, y, MARGIN - TICK - 2, y + 3,
                    Numbers.format(v)));
        }
    }

    private static void axisLine(StringBuilder h, double x, String name) {
        h.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                + " stroke=\"#444\"/><text class=\"axis-name\" x=\"%.1f\" y=\"%d\" font-size=\"11\""
                + " text-anchor=\"middle\">%s</text>", x, MARGIN, x, HEIGHT - MARGIN, x, HEIGHT - MARGIN / 2,
                escape(shorten(name))));
    }

    private static void tickLabel(StringBuilder h, double x, double y, String label) {
        h.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                + " stroke=\"#444\"/><text class=\"tick-label\" x=\"%.1f\" y=\"%.1f\" font-size=\"9\">%s</text>",
                x, y, x + TICK, y, x + TICK + 2, y + 3, escape(shorten(label))));
    }

    private static double scaleX(double v, double lo, double hi) {
        double f = hi == lo ? 0.5 : (v - lo) / (hi - lo);
        return MARGIN + f * (WIDTH - 2.0 * MARGIN);
    }

    private static double scaleY(double v, double lo, double hi) {
        double f = hi == lo ? 0.5 : (v - lo) / (hi - lo);
        return HEIGHT - MARGIN - f * (HEIGHT - 2.0 * MARGIN);
    }

    private static String shorten(String s) {
        int max = 28;
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
