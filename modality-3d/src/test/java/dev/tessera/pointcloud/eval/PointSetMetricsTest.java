package dev.tessera.pointcloud.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointSetMetricsTest {

    private static float[] random(int n, SplittableRandom r) {
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextDouble() - 0.5);
        }
        return p;
    }

    private static double[] bruteNearest(float[] from, float[] to) {
        double[] d = new double[from.length / 3];
        for (int i = 0; i < d.length; i++) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < to.length; j += 3) {
                double dx = from[3 * i] - to[j];
                double dy = from[3 * i + 1] - to[j + 1];
                double dz = from[3 * i + 2] - to[j + 2];
                best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
            d[i] = best;
        }
        return d;
    }

    @Test
    void chamferAndFscore_matchBruteForce() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            float[] a = random(1 + r.nextInt(200), r);
            float[] b = random(1 + r.nextInt(200), r);
            double tau = 0.02 + 0.1 * r.nextDouble();
            double[] ab = bruteNearest(a, b);
            double[] ba = bruteNearest(b, a);
            double cd = 0.5 * (mean(ab) + mean(ba));
            double p = frac(ab, tau);
            double rec = frac(ba, tau);
            double f = p + rec == 0 ? 0 : 2 * p * rec / (p + rec);
            ShapeScore s = PointSetMetrics.score(a, b, tau);
            assertEquals(cd, s.chamfer(), 1e-9);
            assertEquals(p, s.precision(), 1e-12);
            assertEquals(rec, s.recall(), 1e-12);
            assertEquals(f, s.fscore(), 1e-12);
            assertEquals(cd, PointSetMetrics.chamfer(a, b), 1e-9);
        }
    }

    @Test
    void identicalSets_scorePerfectly() {
        float[] a = random(100, new SplittableRandom(1));
        ShapeScore s = PointSetMetrics.score(a, a, 0.001);
        assertEquals(0.0, s.chamfer(), 0.0);
        assertEquals(1.0, s.fscore(), 0.0);
    }

    private static double mean(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return s / d.length;
    }

    private static double frac(double[] d, double tau) {
        int n = 0;
        for (double v : d) {
            if (v < tau) {
                n++;
            }
        }
        return (double) n / d.length;
    }

    @Test
    void setMetrics_separableSets_giveOneNnaOne_andSameDistribution_nearHalf() {
        SplittableRandom r = new SplittableRandom(7);
        List<float[]> small = new ArrayList<>();
        List<float[]> shifted = new ArrayList<>();
        List<float[]> small2 = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            small.add(scale(random(64, r), 0.5f, 0f));
            small2.add(scale(random(64, r), 0.5f, 0f));
            shifted.add(scale(random(64, r), 0.5f, 3f));
        }
        SetMetrics far = SetMetrics.compute(shifted, small);
        assertEquals(1.0, far.oneNna(), 0.0);
        assertTrue(far.mmd() > 2.5, "mmd " + far.mmd());
        SetMetrics same = SetMetrics.compute(small2, small);
        assertTrue(same.oneNna() < 0.8, "1-NNA " + same.oneNna());
        assertTrue(same.cov() > 0.3, "cov " + same.cov());
    }

    @Test
    void setMetrics_fromDistances_handExample() {
        // generated g0, g1; reference r0, r1, r2. g0 and g1 both nearest to r0.
        double[][] d = {
            {0, 1, 0.1, 0.9, 0.8},
            {1, 0, 0.2, 0.95, 0.85},
            {0.1, 0.2, 0, 0.5, 0.6},
            {0.9, 0.95, 0.5, 0, 0.3},
            {0.8, 0.85, 0.6, 0.3, 0},
        };
        SetMetrics m = SetMetrics.fromDistances(d, 2);
        assertEquals(1.0 / 3, m.cov(), 1e-12);
        assertEquals((0.1 + 0.9 + 0.8) / 3, m.mmd(), 1e-12);
        // nn: g0->r0 (wrong), g1->r0 (wrong), r0->g0 (wrong), r1->r2 (right), r2->r1 (right)
        assertEquals(2.0 / 5, m.oneNna(), 1e-12);
    }

    private static float[] scale(float[] p, float s, float shift) {
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] * s + shift;
        }
        return p;
    }
}
