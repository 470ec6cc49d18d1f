package dev.tessera.timeseries.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StlDecomposerTest {
    @Test
    void trendPlusSeason_isRecovered() {
        int n = 120;
        double[] v = new double[n];
        double[] season = new double[n];
        for (int i = 0; i < n; i++) {
            season[i] = 5 * Math.sin(2 * Math.PI * i / 12);
            v[i] = 0.5 * i + season[i];
        }
        Decomposition d = StlDecomposer.defaults().decompose(v, 12);
        double maxSeasonErr = 0;
        for (int i = 12; i < n - 12; i++) {
            maxSeasonErr = Math.max(maxSeasonErr, Math.abs(d.seasonal()[i] - season[i]));
            assertEquals(v[i], d.trend()[i] + d.seasonal()[i] + d.residual()[i], 1e-9);
        }
        assertTrue(maxSeasonErr < 0.6, "seasonal error " + maxSeasonErr);
        double[] f = d.seasonalForecast(13);
        assertEquals(d.seasonal()[n - 12], f[0], 1e-12);
        assertEquals(d.seasonal()[n - 12], f[12], 1e-12);
    }

    @Test
    void periodOne_hasNoSeasonalPart() {
        double[] v = new double[30];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 3;
        }
        Decomposition d = StlDecomposer.defaults().decompose(v, 1);
        for (double s : d.seasonal()) {
            assertEquals(0, s);
        }
    }

    @Test
    void badInput_isRejectedWithReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StlDecomposer.defaults().decompose(new double[] {1, 2, 3, 4, 5}, 12));
        assertTrue(e.getMessage().contains("two periods"), e.getMessage());
        double[] v = new double[40];
        v[7] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> StlDecomposer.defaults().decompose(v, 4));
        assertTrue(e.getMessage().contains("index 7"), e.getMessage());
    }
}
