package dev.tessera.timeseries.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.forecast.Forecast;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    @Test
    void seasonalNaive_repeatsLastCycle_withGrowingNormalIntervals() {
        double[] h = {1, 2, 3, 4, 5, 6, 7, 8};
        Forecast f = Baselines.seasonalNaive("s", h, 6, 4, new double[] {0.1, 0.5, 0.9});
        assertArrayEquals(new double[] {5, 6, 7, 8, 5, 6}, f.median(), 1e-12);
        // every lag-4 difference is 4 -> sigma 4; step 5 is two periods ahead -> sd 4 * sqrt(2)
        double z = 1.2815515655446004;
        assertEquals(5 + z * 4, f.quantile(0.9)[0], 1e-9);
        assertEquals(5 + z * 4 * Math.sqrt(2), f.quantile(0.9)[4], 1e-9);
        assertEquals(5 - z * 4 * Math.sqrt(2), f.quantile(0.1)[4], 1e-9);
    }

    @Test
    void naive_repeatsLastValue() {
        Forecast f = Baselines.naive("n", new double[] {3, 1, 2}, 3, Metrics.WQL_LEVELS);
        assertArrayEquals(new double[] {2, 2, 2}, f.mean(), 1e-12);
    }

    @Test
    void nanHistory_isRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Baselines.naive("n", new double[] {1, Double.NaN, 2}, 1, Metrics.WQL_LEVELS));
    }

    @Test
    void benchmark_relativeScoresAreGeometricMeansOfRatios() {
        // series A: model twice as good as seasonal naive; series B: twice as bad -> geometric mean 1
        double[] hist = {0, 0, 0, 0, 10, 10, 10, 10};
        SeriesManifest.Entry e = new SeriesManifest.Entry("a", "a.csv", Frequency.QUARTERLY, 4, 2, null);
        TimeSeries train = TimeSeries.of("a", hist);
        SeriesManifest.Split a = new SeriesManifest.Split(e, train, train, new double[] {14, 14});
        SeriesManifest.Split b = new SeriesManifest.Split(
                new SeriesManifest.Entry("b", "b.csv", Frequency.QUARTERLY, 4, 2, null), train, train,
                new double[] {12, 12});
        // seasonal naive says 10: errors 4 (a) and 2 (b); the model says 12: errors 2 (a) and 0... use 8 for b -> 4
        Forecast fa = point("a", 12);
        Forecast fb = point("b", 16);
        Benchmark.Result r = Benchmark.evaluate(List.of(a, b), List.of(fa, fb));
        assertEquals(0.5, r.rows().get(0).model().mase() / r.rows().get(0).baseline().mase(), 1e-12);
        assertEquals(2.0, r.rows().get(1).model().mase() / r.rows().get(1).baseline().mase(), 1e-12);
        assertEquals(1.0, r.relativeMase(), 1e-12);
    }

    private static Forecast point(String name, double v) {
        double[][] q = new double[9][2];
        for (double[] row : q) {
            java.util.Arrays.fill(row, v);
        }
        return new Forecast(name, Metrics.WQL_LEVELS, q, new double[] {v, v}, new double[0][]);
    }
}
