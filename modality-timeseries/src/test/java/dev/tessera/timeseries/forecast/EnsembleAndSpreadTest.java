package dev.tessera.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.timeseries.data.TimeSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleAndSpreadTest {
    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    /** A forecaster whose quantiles are centre - 1, centre, centre + 1 and whose paths all equal centre. */
    private static Forecaster constant(double centre) {
        return (h, n, c) -> {
            double[][] q = new double[3][n];
            double[] mean = new double[n];
            double[][] paths = new double[c.samples()][n];
            for (int t = 0; t < n; t++) {
                q[0][t] = centre - 1;
                q[1][t] = centre;
                q[2][t] = centre + 1;
                mean[t] = centre;
                for (double[] p : paths) {
                    p[t] = centre;
                }
            }
            return new Forecast(h.name(), LEVELS, q, mean, paths);
        };
    }

    private static final TimeSeries HISTORY = TimeSeries.of("s", new double[] {1, 2, 3, 4});
    private static final ForecastConfig CONFIG = new ForecastConfig(LEVELS, 30, 1, false, 0);

    @Test
    void weightedEnsembleAveragesQuantilesByWeightAndPoolsPathsInProportion() {
        Forecast f = new EnsembleForecaster(List.of(constant(0), constant(30)), new double[] {1, 2})
                .forecast(HISTORY, 2, CONFIG);
        assertArrayEquals(new double[] {19, 19}, f.quantiles()[0], 1e-12);
        assertArrayEquals(new double[] {20, 20}, f.median(), 1e-12);
        assertArrayEquals(new double[] {20, 20}, f.mean(), 1e-12);
        assertEquals(30, f.samples().length);
        long fromSecond = java.util.Arrays.stream(f.samples()).filter(p -> p[0] == 30).count();
        assertEquals(20, fromSecond);
        assertThrows(IllegalArgumentException.class,
                () -> new EnsembleForecaster(List.of(constant(0)), new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new EnsembleForecaster(List.of(constant(0)), new double[] {1, 1}));
    }

    @Test
    void spreadScalesDistancesFromTheMedianAndKeepsTheMedian() {
        Forecast f = new QuantileSpread(constant(10), 0.7).forecast(HISTORY, 3, CONFIG);
        assertArrayEquals(new double[] {9.3, 9.3, 9.3}, f.quantiles()[0], 1e-12);
        assertArrayEquals(new double[] {10, 10, 10}, f.median(), 1e-12);
        assertArrayEquals(new double[] {10.7, 10.7, 10.7}, f.quantiles()[2], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new QuantileSpread(constant(0), 0));
    }
}
