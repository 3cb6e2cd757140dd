package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Dimension;
import io.github.dl4jrecipes.tuning.Direction;
import io.github.dl4jrecipes.tuning.TrialRecord;
import io.github.dl4jrecipes.tuning.TrialStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A study's report as one static HTML file: optimisation history, parallel coordinates,
 * hyperparameter importance and the leaderboard, drawn as inline SVG. No script, no style sheet
 * or font from elsewhere: it opens from disk in any browser, offline.
 */
public final class HtmlReport {

    /** The report's file name in the study directory. */
    public static final String FILE_NAME = "report.html";
    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int MARGIN = 48;
    private static final int BAR_HEIGHT = 22;
    private static final int LEADERBOARD_ROWS = 20;

    private HtmlReport() {
    }

    /**
     * Writes the report atomically.
     *
     * @param file        where
     * @param trials      every trial
     * @param dimensions  the space's coordinates
     * @param direction   maximise or minimise
     * @param importance  η² per hyperparameter
     * @param leaderboard ranked trials
     */
    public static void write(Path file, List<TrialRecord> trials, List<Dimension> dimensions, Direction direction,
                             Map<String, Double> importance, List<TrialRecord> leaderboard) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tuning study</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 8px;font-size:13px}svg{background:#fafafa}")
                .append("</style></head><body>\n<h1>Tuning study</h1>\n");
        long complete = trials.stream().filter(t -> t.status() == TrialStatus.COMPLETE).count();
        h.append("<p>").append(trials.size()).append(" trials, ").append(complete).append(" complete; objective ")
                .append(direction == Direction.MAXIMIZE ? "maximised" : "minimised").append(".</p>\n");
        history(h, trials, direction);
        parallel(h, trials, dimensions, direction);
        importance(h, importance);
        table(h, leaderboard);
        h.append("</body></html>\n");
        StudyStore.writeAtomically(file, h.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void history(StringBuilder h, List<TrialRecord> trials, Direction direction) {
        List<TrialRecord> valued = trials.stream().filter(t -> !Double.isNaN(t.value())).toList();
        h.append("<h2>Optimization history</h2>\n<svg id=\"history\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        axes(h, "trial", "objective");
        if (!valued.isEmpty()) {
            double lo = valued.stream().mapToDouble(TrialRecord::value).min().orElse(0);
            double hi = valued.stream().mapToDouble(TrialRecord::value).max().orElse(1);
            int maxTrial = valued.stream().mapToInt(TrialRecord::number).max().orElse(1);
            tick(h, lo, hi);
            StringBuilder best = new StringBuilder();
            double bestSoFar = Double.NaN;
            for (TrialRecord t : valued) {
                double x = MARGIN + (WIDTH - 2.0 * MARGIN) * t.number() / Math.max(1, maxTrial);
                double y = scaleY(t.value(), lo, hi);
                String color = t.status() == TrialStatus.COMPLETE ? "#1f77b4" : "#aaaaaa";
                h.append(String.format(Locale.ROOT, "<circle class=\"trial\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\""
                        + " fill=\"%s\"><title>trial %d (%s): %s</title></circle>", x, y, color, t.number(),
                        t.status().name().toLowerCase(Locale.ROOT), fmt(t.value())));
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

    private static void parallel(StringBuilder h, List<TrialRecord> trials, List<Dimension> dims,
                                 Direction direction) {
        List<TrialRecord> done = trials.stream()
                .filter(t -> t.status() == TrialStatus.COMPLETE && !Double.isNaN(t.value())).toList();
        int axes = dims.size() + 1;
        h.append("<h2>Parallel coordinates</h2>\n<p>Each line is a complete trial; each axis spans a")
                .append(" hyperparameter's range (log scale where the range is log-uniform); darker lines are")
                .append(" better.</p>\n<svg id=\"parallel\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        double step = (WIDTH - 2.0 * MARGIN) / Math.max(1, axes - 1);
        for (int a = 0; a < axes; a++) {
            double x = MARGIN + a * step;
            String name = a < dims.size() ? dims.get(a).name() : "objective";
            h.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                    + " stroke=\"#444\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x, MARGIN, x, HEIGHT - MARGIN, x, HEIGHT - MARGIN / 2, escape(shorten(name))));
        }
        if (!done.isEmpty()) {
            double lo = done.stream().mapToDouble(TrialRecord::value).min().orElse(0);
            double hi = done.stream().mapToDouble(TrialRecord::value).max().orElse(1);
            for (TrialRecord t : done) {
                StringBuilder pts = new StringBuilder();
                for (int a = 0; a < dims.size(); a++) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", MARGIN + a * step, scaleY(t.point()[a], 0, 1)));
                }
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f", MARGIN + dims.size() * step,
                        scaleY(t.value(), lo, hi)));
                double quality = hi == lo ? 1 : (direction.toLoss(hi) < direction.toLoss(lo)
                        ? (t.value() - lo) / (hi - lo) : (hi - t.value()) / (hi - lo));
                h.append(String.format(Locale.ROOT, "<polyline class=\"trial-line\" fill=\"none\" stroke=\"#08306b\""
                        + " stroke-opacity=\"%.2f\" points=\"%s\"><title>trial %d: %s %s</title></polyline>",
                        0.15 + 0.85 * quality, pts, t.number(), fmt(t.value()), escape(t.params().toString())));
            }
        }
        h.append("</svg>\n");
    }

    private static void importance(StringBuilder h, Map<String, Double> importance) {
        h.append("<h2>Hyperparameter importance</h2>\n<p>Correlation ratio η² of the objective over quartile")
                .append(" bins of each hyperparameter (one-way ANOVA): the share of the objective's variance")
                .append(" that the hyperparameter alone explains.</p>\n");
        int height = Math.max(BAR_HEIGHT, importance.size() * BAR_HEIGHT) + BAR_HEIGHT;
        h.append("<svg id=\"importance\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        if (importance.isEmpty()) {
            h.append("<text x=\"10\" y=\"16\" font-size=\"12\">too few complete trials to estimate importance</text>");
        }
        int row = 0;
        int labelWidth = WIDTH / 3;
        for (Map.Entry<String, Double> e : importance.entrySet()) {
            double w = (WIDTH - labelWidth - MARGIN) * Math.max(0, Math.min(1, e.getValue()));
            int y = row++ * BAR_HEIGHT + 4;
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>"
                    + "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#2ca02c\">"
                    + "<title>%s</title></rect><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>",
                    labelWidth - 6, y + 14, escape(shorten(e.getKey())), labelWidth, y, w, BAR_HEIGHT - 6,
                    fmt(e.getValue()), labelWidth + w + 4, y + 14, fmt(e.getValue())));
        }
        h.append("</svg>\n");
    }

    private static void table(StringBuilder h, List<TrialRecord> rows) {
        TreeSet<String> params = new TreeSet<>();
        rows.forEach(t -> params.addAll(t.params().keySet()));
        h.append("<h2>Leaderboard</h2>\n<table id=\"leaderboard\"><tr><th>rank</th><th>trial</th><th>status</th>")
                .append("<th>objective</th><th>epochs</th>");
        params.forEach(p -> h.append("<th>").append(escape(p)).append("</th>"));
        h.append("</tr>\n");
        for (int i = 0; i < Math.min(LEADERBOARD_ROWS, rows.size()); i++) {
            TrialRecord t = rows.get(i);
            h.append("<tr><td>").append(i + 1).append("</td><td>").append(t.number()).append("</td><td>")
                    .append(t.status().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(fmt(t.value()))
                    .append("</td><td>").append(t.epochs()).append("</td>");
            params.forEach(p -> h.append("<td>").append(escape(t.params().getOrDefault(p, ""))).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void axes(StringBuilder h, String x, String y) {
        h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>"
                + "<text x=\"12\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN, MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN,
                WIDTH / 2, HEIGHT - 12, x, HEIGHT / 2, HEIGHT / 2, y));
    }

    private static void tick(StringBuilder h, double lo, double hi) {
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>"
                + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", MARGIN - 4,
                scaleY(lo, lo, hi), fmt(lo), MARGIN - 4, scaleY(hi, lo, hi), fmt(hi)));
    }

    private static double scaleY(double v, double lo, double hi) {
        double f = hi == lo ? 0.5 : (v - lo) / (hi - lo);
        return HEIGHT - MARGIN - f * (HEIGHT - 2.0 * MARGIN);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String shorten(String s) {
        int max = 28;
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
