package io.github.dl4jrecipes.core.schedule;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import static io.github.dl4jrecipes.core.PresetAssertions.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Schedule values against their closed forms. */
class SchedulesTest {

    private static final double EPS = 1e-12;

    @Test
    void piecewiseConstantSwitchesAtBoundaries() {
        ISchedule s = PiecewiseConstant.of(ScheduleType.EPOCH, new int[]{30, 60}, new double[]{0.1, 0.01, 0.001});
        assertEquals(0.1, s.valueAt(999, 0));
        assertEquals(0.1, s.valueAt(0, 29));
        assertEquals(0.01, s.valueAt(0, 30));
        assertEquals(0.01, s.valueAt(0, 59));
        assertEquals(0.001, s.valueAt(0, 60));
        assertEquals(0.5, PiecewiseConstant.of(ScheduleType.ITERATION, new int[0], new double[]{0.5}).valueAt(10, 1));
    }

    @Test
    void stepDecayMultipliesByGammaEveryStep() {
        ISchedule s = StepDecay.of(ScheduleType.ITERATION, 0.2, 10).withGamma(0.5);
        assertEquals(0.2, s.valueAt(0, 0), EPS);
        assertEquals(0.2, s.valueAt(9, 0), EPS);
        assertEquals(0.1, s.valueAt(10, 0), EPS);
        assertEquals(0.2 * Math.pow(0.5, 3), s.valueAt(35, 0), EPS);
    }

    @Test
    void exponentialFallsTenfoldEveryDecaySteps() {
        ISchedule s = ExponentialDecay.of(ScheduleType.EPOCH, 0.01, 20);
        assertEquals(0.01, s.valueAt(0, 0), EPS);
        assertEquals(0.001, s.valueAt(0, 20), EPS);
        assertEquals(0.01 * Math.pow(0.1, 0.5), s.valueAt(0, 10), EPS);
    }

    @Test
    void powerDecayMatchesEta0OverOnePlusTOverSToTheC() {
        ISchedule s = PowerDecay.of(ScheduleType.ITERATION, 0.01, 100).withPower(2);
        assertEquals(0.01, s.valueAt(0, 0), EPS);
        assertEquals(0.01 / 4, s.valueAt(100, 0), EPS);
        assertEquals(0.01 / Math.pow(1 + 250 / 100.0, 2), s.valueAt(250, 0), EPS);
        assertEquals(0.005, PowerDecay.of(ScheduleType.ITERATION, 0.01, 100).valueAt(100, 0), EPS);
    }

    @Test
    void cosineWarmsUpLinearlyThenAnneals() {
        ISchedule s = Cosine.withWarmup(0.1, 10, 110).withMinLr(0.001);
        assertEquals(0.0, s.valueAt(0, 0), EPS);
        assertEquals(0.05, s.valueAt(5, 0), EPS);
        assertEquals(0.1, s.valueAt(10, 0), EPS);
        assertEquals(0.001 + 0.099 / 2, s.valueAt(60, 0), EPS);   // half way: cos(π/2) = 0
        assertEquals(0.001, s.valueAt(110, 0), EPS);
        assertEquals(0.001, s.valueAt(500, 0), EPS);
        ISchedule plain = Cosine.annealing(1.0, 100);
        assertEquals(1.0, plain.valueAt(0, 0), EPS);
        assertEquals((1 + Math.cos(Math.PI * 0.25)) / 2, plain.valueAt(25, 0), EPS);
    }

    @Test
    void triangularRisesAndFallsLinearly() {
        ISchedule s = CyclicTriangular.of(0.001, 0.006, 10);
        assertEquals(0.001, s.valueAt(0, 0), EPS);
        assertEquals(0.0035, s.valueAt(5, 0), EPS);
        assertEquals(0.006, s.valueAt(10, 0), EPS);
        assertEquals(0.0035, s.valueAt(15, 0), EPS);
        assertEquals(0.001, s.valueAt(20, 0), EPS);
        assertEquals(0.006, s.valueAt(30, 0), EPS);
    }

    @Test
    void oneCycleHitsFastaiValuesAtStartPeakMidAnnealingAndEnd() {
        double max = 0.01;
        int total = 1000;
        OneCycle s = OneCycle.maxLr(max).withTotalIterations(total);
        assertEquals(max / 25, s.valueAt(0, 0), EPS);                         // start: maxLr / div
        // half way through the warm-up: the average of start and peak (cos(π/2) = 0)
        assertEquals((max / 25 + max) / 2, s.valueAt(125, 0), EPS);
        assertEquals(max, s.valueAt(250, 0), EPS);                             // pctStart: the peak
        // mid-annealing: (pos - 0.25)/0.75 = 0.5 at pos 0.625
        assertEquals((max + max / 1e5) / 2, s.valueAt(625, 0), EPS);
        double last = (999 / 1000.0 - 0.25) / 0.75;
        assertEquals(max + (1 + Math.cos(Math.PI * (1 - last))) * (max / 1e5 - max) / 2, s.valueAt(999, 0), EPS);
        assertEquals(max / 1e5, s.valueAt(total, 0), EPS);                     // end: maxLr / divFinal
        assertEquals(max / 1e5, s.valueAt(total + 50, 0), EPS);
    }

    @Test
    void oneCycleMomentumGoesTheOtherWay() {
        ISchedule m = OneCycle.maxLr(0.01).withTotalIterations(1000).momentum();
        assertEquals(0.95, m.valueAt(0, 0), EPS);
        assertEquals(0.90, m.valueAt(125, 0), EPS);
        assertEquals(0.85, m.valueAt(250, 0), EPS);
        assertEquals(0.90, m.valueAt(625, 0), EPS);
        assertEquals(0.95, m.valueAt(1000, 0), EPS);
        ISchedule custom = OneCycle.maxLr(0.01).withPctStart(0.5).withMomentum(0.9, 0.8).withTotalIterations(100).momentum();
        assertEquals(0.8, custom.valueAt(50, 0), EPS);
    }

    @Test
    void oneCycleOptionsChangeTheEnds() {
        OneCycle s = OneCycle.maxLr(1.0).withDiv(10).withDivFinal(100).withPctStart(0.5).withEpochs(2, 50);
        assertEquals(100, s.totalIterations());
        assertEquals(0.1, s.valueAt(0, 0), EPS);
        assertEquals(1.0, s.valueAt(50, 0), EPS);
        assertEquals(0.01, s.valueAt(100, 0), EPS);
    }

    @Test
    void badInputNamesTheParameterTheValueAndTheFix() {
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(0), "maxLr", "0.0", "LrFinder");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(-1e-3), "maxLr", "-0.001");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(1e-3).withPctStart(0), "pctStart", "(0, 1)", "0.25");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(1e-3).withPctStart(1), "pctStart", "1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(1e-3).withDiv(1), "div", "> 1", "25");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(1e-3).withDivFinal(0.5), "divFinal", "0.5");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(1e-3).withMomentum(1.0, 0.85), "high", "[0, 1)", "1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(1e-3).withMomentum(0.95, -0.1), "low", "-0.1");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(1e-3).withMomentum(0.8, 0.9), "low", "exceed");
        assertThrowsWith(IllegalArgumentException.class, () -> OneCycle.maxLr(1e-3).withTotalIterations(0), "totalIterations", "0");
        assertThrowsWith(IllegalStateException.class, () -> OneCycle.maxLr(1e-3).valueAt(0, 0), "totalIterations", "withTotalIterations");
        assertThrowsWith(IllegalArgumentException.class, () -> PiecewiseConstant.of(ScheduleType.EPOCH, new int[0], new double[0]),
                "values", "empty", "at least one");
        assertThrowsWith(IllegalArgumentException.class, () -> PiecewiseConstant.of(ScheduleType.EPOCH, new int[]{10, 5},
                new double[]{0.1, 0.01, 0.001}), "boundaries", "increasing", "[10, 5]", "sort");
        assertThrowsWith(IllegalArgumentException.class, () -> PiecewiseConstant.of(ScheduleType.EPOCH, new int[]{5, 5},
                new double[]{0.1, 0.01, 0.001}), "boundaries", "[5, 5]");
        assertThrowsWith(IllegalArgumentException.class, () -> PiecewiseConstant.of(ScheduleType.EPOCH, new int[]{5},
                new double[]{0.1}), "values", "one more", "1 values");
        assertThrowsWith(IllegalArgumentException.class, () -> PiecewiseConstant.of(ScheduleType.EPOCH, new int[]{5},
                new double[]{0.1, -0.01}), "values[1]", "-0.01");
        assertThrowsWith(IllegalArgumentException.class, () -> StepDecay.of(ScheduleType.EPOCH, 0.1, 0), "step", "0");
        assertThrowsWith(IllegalArgumentException.class, () -> ExponentialDecay.of(ScheduleType.EPOCH, -0.1, 10), "initialValue", "-0.1");
        assertThrowsWith(IllegalArgumentException.class, () -> PowerDecay.of(ScheduleType.EPOCH, 0.1, 0), "decaySteps", "0.0");
        assertThrowsWith(IllegalArgumentException.class, () -> Cosine.withWarmup(0.1, 100, 100), "totalIterations", "100");
        assertThrowsWith(IllegalArgumentException.class, () -> Cosine.annealing(0.1, 100).withMinLr(0.2), "minLr", "0.2");
        assertThrowsWith(IllegalArgumentException.class, () -> CyclicTriangular.of(0.01, 0.001, 10), "maxLr", "baseLr");
        assertThrowsWith(IllegalArgumentException.class, () -> ScheduledAdam.of(0), "learningRate", "0.0");
        assertThrowsWith(IllegalArgumentException.class, () -> ScheduledAdam.of(1e-3).withBeta1(1.0), "beta1", "[0, 1)");
    }

}
