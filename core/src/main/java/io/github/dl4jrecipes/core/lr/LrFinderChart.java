package io.github.dl4jrecipes.core.lr;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Draws an {@link LrFinderResult} with XChart. */
final class LrFinderChart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private LrFinderChart() {
    }

    static byte[] png(LrFinderResult result) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("LR range test")
                .xAxisTitle("learning rate (log scale)").yAxisTitle("smoothed loss").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(true);
        List<LrPoint> points = result.points();
        double[] lrs = points.stream().mapToDouble(LrPoint::learningRate).toArray();
        double[] losses = points.stream().mapToDouble(LrPoint::smoothedLoss).toArray();
        XYSeries curve = chart.addSeries("smoothed loss", lrs, losses);
        curve.setMarker(SeriesMarkers.NONE);
        double lr = result.suggestion();
        XYSeries mark = chart.addSeries(String.format(Locale.ROOT, "%s: %.2e", result.chosen().name().toLowerCase(Locale.ROOT), lr),
                new double[]{lr}, new double[]{lossAt(points, lr)});
        mark.setMarker(SeriesMarkers.CIRCLE);
        mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** The smoothed loss of the recorded step whose LR is closest (in log scale) to {@code lr}. */
    private static double lossAt(List<LrPoint> points, double lr) {
        LrPoint best = points.get(0);
        for (LrPoint p : points) {
            if (Math.abs(Math.log(p.learningRate() / lr)) < Math.abs(Math.log(best.learningRate() / lr))) {
                best = p;
            }
        }
        return best.smoothedLoss();
    }
}
