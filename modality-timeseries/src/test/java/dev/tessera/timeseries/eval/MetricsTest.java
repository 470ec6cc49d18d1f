package dev.tessera.timeseries.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private final double[] actual = {1, 2, 3};
    private final double[] point = {2, 2, 2};

    @Test
    void mase_matchesHandComputation() {
        // in-sample lag-1 errors |3-1|, |2-3|, |4-2| -> 5/3; MAE = 2/3
        assertEquals(0.4, Metrics.mase(actual, point, new double[] {1, 3, 2, 4}, 1), 1e-12);
        // lag 2: |2-1|, |4-3| -> 1
        assertEquals(2.0 / 3, Metrics.mase(actual, point, new double[] {1, 3, 2, 4}, 2), 1e-12);
        // history no longer than the period falls back to lag 1
        assertEquals(Metrics.seasonalError(new double[] {1, 3, 2, 4}, 1),
                Metrics.seasonalError(new double[] {1, 3, 2, 4}, 12), 1e-12);
    }

    @Test
    void smape_matchesHandComputation() {
        assertEquals(200.0 / 3 * (1.0 / 3 + 1.0 / 5), Metrics.smape(actual, point), 1e-12);
        assertEquals(0, Metrics.smape(new double[] {0, 0}, new double[] {0, 0}), 1e-12);
    }

    @Test
    void wql_matchesHandComputation() {
        assertEquals(1.0 / 3, Metrics.wql(actual, new double[] {0.5}, new double[][] {point}), 1e-12);
        assertEquals(0.1, Metrics.wql(actual, new double[] {0.1, 0.9},
                new double[][] {{1, 1, 1}, {3, 3, 3}}), 1e-12);
    }

    @Test
    void crps_matchesHandComputation_andOneSampleIsAbsoluteError() {
        assertEquals(0.5, Metrics.crps(new double[] {1}, new double[][] {{0}, {2}}), 1e-12);
        assertEquals(Metrics.mae(actual, point), Metrics.crps(actual, new double[][] {point}), 1e-12);
    }

    @Test
    void missingActuals_areSkipped() {
        double[] a = {1, Double.NaN, 3};
        assertEquals(1.0, Metrics.mae(a, new double[] {2, 100, 2}), 1e-12);
        assertEquals(Metrics.wql(new double[] {1, 3}, new double[] {0.5}, new double[][] {{2, 2}}),
                Metrics.wql(a, new double[] {0.5}, new double[][] {{2, 100, 2}}), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mae(new double[] {Double.NaN}, new double[] {1}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void lengthMismatch_isAnError() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.smape(actual, new double[] {1, 2}));
    }
}
