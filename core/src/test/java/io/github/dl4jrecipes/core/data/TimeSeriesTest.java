package io.github.dl4jrecipes.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.dl4jrecipes.core.PresetAssertions.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Time-series CSVs, sliding windows, the split by time, padded sequences, and their bad input. */
class TimeSeriesTest {

    private static final double[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static Path csv(Path dir, String text) throws Exception {
        Path file = dir.resolve("series.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void wideCsvIsOneSequenceWithAFeaturePerColumnAndTheTimeColumnSkipped(@TempDir Path dir) throws Exception {
        TimeSeries series = TimeSeries.fromCsv(csv(dir, "month,temp,rain\n1949-01,1.5,10\n1949-02,2.5,20\n"
                + "1949-03,3.5,30\n")).timeColumn("month").build();
        assertEquals(List.of("temp", "rain"), series.features());
        assertEquals(1, series.sequences().size());
        assertArrayEquals(new double[]{1.5, 2.5, 3.5}, series.sequences().get(0)[0]);
        assertArrayEquals(new double[]{10, 20, 30}, series.sequences().get(0)[1]);
    }

    @Test
    void longCsvIsOneSequencePerIdInFileOrderWithItsOwnLength(@TempDir Path dir) throws Exception {
        TimeSeries series = TimeSeries.fromCsv(csv(dir, "shop,sales\nb,1\na,5\nb,2\nb,3\na,6\n"))
                .longFormat("shop", "sales").build();
        assertEquals(List.of("b", "a"), series.ids());
        assertArrayEquals(new double[]{1, 2, 3}, series.sequences().get(0)[0]);
        assertArrayEquals(new double[]{5, 6}, series.sequences().get(1)[0]);
    }

    @Test
    void windowsHoldTheStepsBeforeAndTheLabelHorizonStepsAfterTheLastOne() {
        // 0..9, window 3, horizon 2: the first window is steps 0, 1, 2 and forecasts step 4 (value 4);
        // the last window is steps 5, 6, 7 and forecasts step 9: 10 - 3 - 2 + 1 = 6 windows
        Windows all = TimeSeries.of("x", TEN).windows(3, 2).all();
        DataSet data = all.data();
        assertArrayEquals(new long[]{6, 1, 3}, data.getFeatures().shape());
        assertArrayEquals(new double[]{0, 1, 2}, data.getFeatures().get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all())
                .toDoubleVector());
        assertArrayEquals(new double[]{4, 5, 6, 7, 8, 9}, data.getLabels().toDoubleVector());
        assertArrayEquals(new int[]{4, 5, 6, 7, 8, 9}, all.targetTime());
        assertNull(data.getFeaturesMaskArray());
    }

    @Test
    void relativeWindowsSubtractTheLastValueAndRestoreAddsItBack() {
        Windows all = TimeSeries.of("x", TEN).windows(3, 2).withRelativeToLast().all();
        // window 0, 1, 2 minus its last value 2 is -2, -1, 0; the label 4 - 2 = 2; restore adds 2 back
        assertArrayEquals(new double[]{-2, -1, 0}, all.data().getFeatures().get(NDArrayIndex.point(0), NDArrayIndex.point(0),
                NDArrayIndex.all()).toDoubleVector());
        assertEquals(2, all.data().getLabels().getDouble(0, 0));
        assertArrayEquals(new double[]{4, 5, 6, 7, 8, 9}, all.actual(), 0);
        assertArrayEquals(new double[]{5, 6, 7, 8, 9, 10}, all.restore(all.data().getLabels().add(1)), 0);
    }

    @Test
    void theTimeSplitKeepsEveryTrainingForecastBeforeTheCutAndEveryValidationOneFromIt() {
        // 10 steps, trainFraction 0.7: cut at step round(7.0) = 7; window 3, horizon 1 forecasts steps 3..9:
        // 3, 4, 5, 6 train, 7, 8, 9 validate (their inputs 4..8 look back across the cut)
        TimeSplit split = TimeSeries.of("x", TEN).windows(3, 1).splitByTime(0.7);
        assertArrayEquals(new int[]{7}, split.cuts());
        assertArrayEquals(new int[]{3, 4, 5, 6}, split.train().targetTime());
        assertArrayEquals(new int[]{7, 8, 9}, split.valid().targetTime());
        assertArrayEquals(new double[]{4, 5, 6}, split.valid().data().getFeatures()
                .get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all()).toDoubleVector());
    }

    @Test
    void aTargetColumnOfAWideSeriesIsForecastFromEveryColumn(@TempDir Path dir) throws Exception {
        TimeSeries series = TimeSeries.fromCsv(csv(dir, "a,b\n1,10\n2,20\n3,30\n")).build();
        Windows all = series.windows(2, 1).withTarget("b").all();
        assertArrayEquals(new long[]{1, 2, 2}, all.data().getFeatures().shape());
        assertEquals(30, all.data().getLabels().getDouble(0, 0));
    }

    @Test
    void paddedSequencesGetAMaskAndStackRefusesUnequalLengths() {
        List<double[][]> sequences = List.of(new double[][]{{1, 2, 3}}, new double[][]{{4}});
        DataSet padded = Sequences.padded(sequences, Nd4j.ones(2, 1));
        assertArrayEquals(new double[]{1, 1, 1, 1, 0, 0}, padded.getFeaturesMaskArray().reshape(6).toDoubleVector());
        assertArrayEquals(new double[]{4, 0, 0}, padded.getFeatures().get(NDArrayIndex.point(1), NDArrayIndex.point(0), NDArrayIndex.all())
                .toDoubleVector());
        assertThrowsWith(IllegalArgumentException.class, () -> Sequences.stack(sequences, Nd4j.ones(2, 1)),
                "sequences", "sequence 1 has 1 steps", "sequence 0 has 3", "Sequences.padded");
        assertThrowsWith(IllegalArgumentException.class, () -> Sequences.padded(sequences, Nd4j.ones(3, 1)),
                "labels", "one row per sequence (2)", "[3, 1]");
    }

    @Test
    void badInputNamesTheParameterTheValueAndTheFix(@TempDir Path dir) throws Exception {
        TimeSeries ten = TimeSeries.of("x", TEN);
        assertThrowsWith(IllegalArgumentException.class, () -> ten.windows(8, 3), "horizon", "needs 11 steps",
                "has 10", "a horizon of at most 2");
        assertThrowsWith(IllegalArgumentException.class, () -> ten.windows(3, 1).splitByTime(0.95), "trainFraction",
                "0.95", "at step 10", "validation window empty", "from 0.350 to below 0.950");
        assertThrowsWith(IllegalArgumentException.class, () -> ten.windows(3, 1).splitByTime(0.2), "trainFraction",
                "training window empty");
        assertThrowsWith(IllegalArgumentException.class, () -> ten.windows(3, 1).splitByTime(1.0), "trainFraction",
                "in (0, 1)", "1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> ten.windows(0, 1), "window", ">= 1", "got 0");
        assertThrowsWith(IllegalArgumentException.class, () -> TimeSeries.of("x", 1, Double.NaN, 3), "series 'x'",
                "step 1", "NaN", "not a finite number");
        Path bad = csv(dir, "month,temp\n1949-01,1.5\n1949-02,NA\n");
        assertThrowsWith(DataLoadException.class, () -> TimeSeries.fromCsv(bad).timeColumn("month").build(),
                "line 3", "column 'temp'", "'NA'", "not a finite number", "fill or drop missing values");
        assertThrowsWith(DataLoadException.class, () -> TimeSeries.fromCsv(bad).longFormat("shop", "temp").build(),
                "idColumn", "no column 'shop'", "[month, temp]");
        assertThrowsWith(IllegalArgumentException.class, () -> ten.windows(3, 1).withTarget("y"), "target",
                "no series 'y'", "[x]");
    }
}
