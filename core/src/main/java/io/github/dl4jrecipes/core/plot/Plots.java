package io.github.dl4jrecipes.core.plot;

import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes charts as PNG files with XChart. Files are written atomically: a failed write leaves
 * any previous file in place.
 */
public final class Plots {

    /** Width of one panel in pixels: readable in a README or a notebook at 100%. */
    public static final int PANEL_WIDTH = 640;
    /** Height of one panel in pixels (4:3 with {@link #PANEL_WIDTH}). */
    public static final int PANEL_HEIGHT = 480;
    /** Side of a heat map cell in pixels: room for a four-digit count; 10 classes make 640 px. */
    public static final int HEAT_CELL_PIXELS = 64;
    /** Rotation of the column labels in degrees, so long class names do not overlap. */
    public static final int COLUMN_LABEL_ROTATION = 45;
    /** Smallest heat map side in pixels, so that axis labels and the legend fit. */
    public static final int MIN_HEAT_MAP_PIXELS = 480;

    private Plots() {
    }

    /**
     * Draws panels side by side in one PNG.
     *
     * @param panels the charts, left to right
     * @param png    the file to write
     * @throws IOException when the file cannot be written
     */
    public static void panels(List<Panel> panels, Path png) throws IOException {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("panels is empty: pass at least one Panel to draw.");
        }
        List<XYChart> charts = new ArrayList<>();
        for (Panel panel : panels) {
            charts.add(chart(panel));
        }
        writePng(png, out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(), out,
                BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * Draws a matrix of counts as a heat map, for example a confusion matrix.
     *
     * @param title     the chart title
     * @param rowLabel  what the rows are (drawn on the y axis), e.g. "actual"
     * @param colLabel  what the columns are (x axis), e.g. "predicted"
     * @param labels    one label per row and column
     * @param counts    a square matrix, {@code counts[row][col]}
     * @param png       the file to write
     * @throws IOException when the file cannot be written
     */
    public static void heatMap(String title, String rowLabel, String colLabel, List<String> labels,
                               int[][] counts, Path png) throws IOException {
        int n = labels.size();
        if (n == 0 || counts.length != n) {
            throw new IllegalArgumentException("counts has " + counts.length + " rows but labels has "
                    + n + " entries; pass a square matrix with one label per row.");
        }
        List<Number[]> cells = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            if (counts[row].length != n) {
                throw new IllegalArgumentException("counts row " + row + " has " + counts[row].length
                        + " columns, expected " + n + "; pass a square matrix.");
            }
            for (int col = 0; col < n; col++) {   // y grows upwards: first row drawn at the top
                cells.add(new Number[] {col, n - 1 - row, counts[row][col]});
            }
        }
        int side = Math.max(MIN_HEAT_MAP_PIXELS, n * HEAT_CELL_PIXELS);
        HeatMapChart chart = new HeatMapChartBuilder().width(side).height(side).title(title)
                .xAxisTitle(colLabel).yAxisTitle(rowLabel).build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setXAxisLabelRotation(COLUMN_LABEL_ROTATION);
        List<String> rowsBottomUp = new ArrayList<>(labels);
        java.util.Collections.reverse(rowsBottomUp);
        chart.addSeries(title, labels, rowsBottomUp, cells);
        writePng(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static XYChart chart(Panel panel) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(panel.title()).xAxisTitle(panel.xLabel()).yAxisTitle(panel.yLabel()).build();
        chart.getStyler().setYAxisLogarithmic(panel.logY());
        for (Curve curve : panel.curves()) {
            Curve drawable = curve.drawable(panel.logY());
            if (drawable.x().length > 0) {
                chart.addSeries(curve.name(), drawable.x(), drawable.y()).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.getStyler().setYAxisLogarithmic(false);
            chart.addSeries("(no finite values)", new double[] {0}, new double[] {0})
                    .setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    @FunctionalInterface
    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static void writePng(Path png, Encoder encoder) throws IOException {
        Objects.requireNonNull(png, "png");
        AtomicFiles.write(png, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                encoder.encode(out);
            }
        });
    }
}
