package dev.tessera.pointcloud.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EarthMoversTest {

    private static float[] random(int n, SplittableRandom r) {
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextDouble() - 0.5);
        }
        return p;
    }

    /** The cheapest matching by trying every permutation. */
    private static double brute(double[][] c, int row, boolean[] used) {
        if (row == c.length) {
            return 0;
        }
        double best = Double.MAX_VALUE;
        for (int j = 0; j < c.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, c[row][j] + brute(c, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void assignment_isAPermutation_withTheCostOfTheBruteForceOptimum() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + r.nextInt(7);
            double[][] c = new double[n][n];
            for (double[] row : c) {
                for (int j = 0; j < n; j++) {
                    row[j] = r.nextInt(4) == 0 ? 1.0 : r.nextDouble(); // some ties
                }
            }
            int[] m = EarthMovers.assignment(c);
            boolean[] seen = new boolean[n];
            double cost = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(!seen[m[i]], "column " + m[i] + " matched twice");
                seen[m[i]] = true;
                cost += c[i][m[i]];
            }
            assertEquals(brute(c, 0, new boolean[n]), cost, 1e-9, "trial " + trial);
        }
    }

    @Test
    void emd_ofATranslatedSet_isTheTranslation_andOfAShuffledCopyZero() {
        SplittableRandom r = new SplittableRandom(11);
        float[] a = random(50, r);
        float[] b = a.clone();
        for (int i = 0; i < b.length; i += 3) {
            b[i] += 0.3f;
            b[i + 1] -= 0.4f;
        }
        // mean |x - y_s(x)| >= |mean(x - y_s(x))| = |t| for every matching, and the identity reaches it
        assertEquals(0.5, EarthMovers.distance(a, b), 1e-6);
        float[] shuffled = new float[a.length];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(a, 3 * ((i * 7) % 50), shuffled, 3 * i, 3);
        }
        assertEquals(0.0, EarthMovers.distance(a, shuffled), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> EarthMovers.distance(a, random(49, r)));
    }

    @Test
    void emd_isAtLeastChamfer_andSeesDensityThatChamferDoesNot() {
        // a: 9 points at the origin and 1 at x = 1; b: 1 at the origin and 9 at x = 1. Every point has a
        // neighbour at distance 0 in the other set, so the Chamfer distance is 0; matching must move 8 points.
        float[] a = new float[30];
        float[] b = new float[30];
        for (int i = 0; i < 10; i++) {
            a[3 * i] = i == 9 ? 1 : 0;
            b[3 * i] = i == 0 ? 0 : 1;
        }
        assertEquals(0.0, PointSetMetrics.chamfer(a, b), 0.0);
        assertEquals(0.8, EarthMovers.distance(a, b), 1e-9);
    }

    @Test
    void resample_keepsEveryPointsWeightEqual_andIsAFunctionOfTheCoordinates() {
        SplittableRandom r = new SplittableRandom(2);
        float[] small = random(10, r);
        float[] up = EarthMovers.resample(small, 25);
        assertEquals(75, up.length);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            counts.merge(up[3 * i] + "," + up[3 * i + 1] + "," + up[3 * i + 2], 1, Integer::sum);
        }
        assertEquals(10, counts.size(), "every input point kept");
        for (int c : counts.values()) {
            assertTrue(c == 2 || c == 3, "counts " + counts.values());
        }
        float[] big = random(300, r);
        float[] down = EarthMovers.resample(big, 128);
        List<String> pts = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            pts.add(down[3 * i] + "," + down[3 * i + 1] + "," + down[3 * i + 2]);
        }
        assertEquals(128, pts.stream().distinct().count(), "drawn without replacement");
        assertArrayEquals(down, EarthMovers.resample(big.clone(), 128));
    }
}
