package dev.tessera.timeseries.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StructuredSynthTest {

    @Test
    void sameSeedSameSeries_lengthsInRange_everyValueFinite() {
        StructuredSynth g = new StructuredSynth(24, 300);
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            double[] x = g.next(a);
            assertArrayEquals(x, g.next(b));
            assertTrue(x.length >= 24 && x.length <= 300, "length " + x.length);
            for (double v : x) {
                assertTrue(Double.isFinite(v), "series " + i + " has " + v);
            }
        }
    }

    @Test
    void drawsTheKindsItPromises() {
        StructuredSynth g = new StructuredSynth(100, 100);
        SplittableRandom rng = new SplittableRandom(9);
        int intermittent = 0;
        int positive = 0;
        int seasonal = 0;
        for (int i = 0; i < 400; i++) {
            double[] x = g.next(rng);
            int zeros = 0;
            boolean allPositive = true;
            for (double v : x) {
                zeros += v == 0 ? 1 : 0;
                allPositive &= v > 0;
            }
            intermittent += zeros > 30 ? 1 : 0;
            positive += allPositive ? 1 : 0;
            seasonal += lagCorrelation(x, 12) > 0.5 || lagCorrelation(x, 4) > 0.5 ? 1 : 0;
        }
        assertTrue(intermittent > 10 && intermittent < 80, intermittent + " intermittent of 400");
        assertTrue(positive > 100, positive + " positive of 400");
        assertTrue(seasonal > 60, seasonal + " with a lag-4 or lag-12 correlation above 0.5 of 400");
    }

    @Test
    void rejectsBadLengths() {
        assertThrows(IllegalArgumentException.class, () -> new StructuredSynth(4, 100));
        assertThrows(IllegalArgumentException.class, () -> new StructuredSynth(50, 20));
    }

    private static double lagCorrelation(double[] x, int lag) {
        // the correlation of the differenced series with itself lag steps back (trends removed)
        int n = x.length - 1;
        double[] d = new double[n];
        for (int t = 0; t < n; t++) {
            d[t] = x[t + 1] - x[t];
        }
        double mean = 0;
        for (double v : d) {
            mean += v / n;
        }
        double num = 0;
        double den = 0;
        for (int t = 0; t < n; t++) {
            den += (d[t] - mean) * (d[t] - mean);
            if (t >= lag) {
                num += (d[t] - mean) * (d[t - lag] - mean);
            }
        }
        return den == 0 ? 0 : num / den;
    }
}
