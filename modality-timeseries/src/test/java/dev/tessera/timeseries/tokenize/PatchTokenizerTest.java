package dev.tessera.timeseries.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.token.Segment;
import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.TimeSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchTokenizerTest {
    private final PatchTokenizer tok = new PatchTokenizer("series", new PatchConfig(4));
    private final PatchDetokenizer detok = new PatchDetokenizer("series", new PatchConfig(4));

    @Test
    void encode_leftPadsAndMasks_andFeaturesAreNormalised() {
        double[] v = {10, 20, 30, 40, 50, 60};
        Segment s = tok.encode(TimeSeries.of("x", v));
        assertEquals(2, s.length()); // 6 values + 2 padding = 2 patches of 4
        float[][] f = s.features();
        assertEquals(8, f[0].length);
        assertEquals(0f, f[0][4]); // padding is unobserved
        assertEquals(0f, f[0][5]);
        assertEquals(1f, f[0][6]);
        RevIn n = RevIn.fit(v);
        assertEquals((float) n.normalize(10), f[0][2], 1e-6);
        double mean = 0;
        for (int i = 0; i < 4; i++) {
            mean += f[1][i];
        }
        assertTrue(Math.abs(mean) > 0, "later values normalise above the mean");
    }

    @Test
    void roundTrip_isExactUpToFloatPrecision_withGapsAndChannels() {
        TimeSeries ts = new TimeSeries("mv", null, new double[][] {{1, Double.NaN, 3, 4, 5}, {-7, 8, 100, 2, 0}},
                List.of("a", "b"), Frequency.OTHER);
        TimeSeries back = detok.decode(tok.encode(ts));
        for (int c = 0; c < 2; c++) {
            double[] a = ts.values(c);
            double[] b = back.values(c);
            for (int i = 0; i < a.length; i++) {
                if (Double.isNaN(a[i])) {
                    assertTrue(Double.isNaN(b[i]));
                } else {
                    assertEquals(a[i], b[i], 1e-4 * Math.max(1, Math.abs(a[i])));
                }
            }
        }
    }

    @Test
    void encode_allNaN_failsWithChannel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tok.encode(TimeSeries.of("x", new double[] {Double.NaN, Double.NaN})));
        assertTrue(e.getMessage().contains("channel 0") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void constantSeries_normalisesToZerosWithoutDividingByZero() {
        Segment s = tok.encode(TimeSeries.of("c", new double[] {5, 5, 5, 5}));
        for (int i = 0; i < 4; i++) {
            assertEquals(0f, s.features()[0][i]);
        }
        assertEquals(5.0, detok.decode(s).values()[2], 1e-9);
    }
}
