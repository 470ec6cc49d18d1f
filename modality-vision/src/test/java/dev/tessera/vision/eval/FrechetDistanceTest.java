package dev.tessera.vision.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static double[][] gaussian(int n, int d, double mean, double sd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = mean + sd * r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void aSetAgainstItself_isZero() {
        double[][] a = gaussian(200, 6, 1, 2, 1);
        assertEquals(0, FrechetDistance.between(a, a), 1e-9);
    }

    @Test
    void shiftedMeans_addTheSquaredShift_equalCovariancesAddNothing() {
        double[][] a = gaussian(300, 4, 0, 1, 2);
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
            b[i][0] += 3; // covariance unchanged, mean moved by 3 along one axis
        }
        assertEquals(9, FrechetDistance.between(a, b), 1e-9);
    }

    @Test
    void scaledSpread_matchesTheClosedForm() {
        // N(0, I) against N(0, 4 I) in d dims: tr(I + 4I - 2 * 2I) = d; samples are close to that
        int d = 5;
        double f = FrechetDistance.between(gaussian(20_000, d, 0, 1, 3), gaussian(20_000, d, 0, 2, 4));
        assertEquals(d, f, 0.25);
        // and it is symmetric
        double[][] a = gaussian(500, d, 0, 1, 5);
        double[][] b = gaussian(400, d, 0.5, 1.5, 6);
        assertEquals(FrechetDistance.between(a, b), FrechetDistance.between(b, a), 1e-8);
        assertTrue(FrechetDistance.between(a, b) > FrechetDistance.between(a, gaussian(400, d, 0, 1, 7)));
    }

    @Test
    void tooFewItems_mismatchedWidths_andNonFiniteValues_areRejectedWithWhere() {
        double[][] ok = gaussian(10, 3, 0, 1, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(new double[][] {{1, 2, 3}}, ok));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(ok, gaussian(10, 4, 0, 1, 9)));
        assertTrue(e.getMessage().contains("3 and 4"), e.getMessage());
        double[][] bad = gaussian(10, 3, 0, 1, 10);
        bad[4][1] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(ok, bad));
        assertTrue(e.getMessage().contains("item 4, feature 1"), e.getMessage());
    }
}
