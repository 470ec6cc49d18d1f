package dev.tessera.pointcloud.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tied nearest neighbours, the other distances, and the restriction of a distance matrix. */
class SetMetricsTiesTest {

    @Test
    void duplicateReferences_areCoveredOnlyOnceByTheLowestIndexRule_butSharedInExpectation() {
        // g0, g1 are both at distance 0.1 from r0 and from its exact copy r1; r2 is far
        double[][] d = {
            {0, 0.5, 0.1, 0.1, 0.9},
            {0.5, 0, 0.1, 0.1, 0.9},
            {0.1, 0.1, 0, 0, 0.8},
            {0.1, 0.1, 0, 0, 0.8},
            {0.9, 0.9, 0.8, 0.8, 0},
        };
        SetMetrics m = SetMetrics.fromDistances(d, 2);
        assertEquals(1.0 / 3, m.cov(), 1e-12); // both pick r0
        // each of r0, r1 is missed by both with probability 1/4
        assertEquals((0.75 + 0.75) / 3, m.covTiesShared(), 1e-12);
        // 1-NN: g0 -> r0|r1 (wrong), g1 -> r0|r1 (wrong), r0 -> r1 (right), r1 -> r0 (right), r2 -> r0|r1 (right)
        assertEquals(3.0 / 5, m.oneNna(), 1e-12);
        assertEquals(3.0 / 5, m.oneNnaTiesShared(), 1e-12);
        // r2's nearest are r0, r1 (0.8); make one of them a generated shape and the shared 1-NNA halves its vote
        double[][] e = {
            {0, 0.5, 0.3, 0.4},
            {0.5, 0, 0.3, 0.6},
            {0.3, 0.3, 0, 0.7},
            {0.4, 0.6, 0.7, 0},
        };
        // g0 -> r0 (wrong); g1 -> r0 (wrong); r0 -> g0|g1 tie (wrong either way); r1 -> g0 (wrong)
        SetMetrics f = SetMetrics.fromDistances(e, 2);
        assertEquals(0.0, f.oneNna(), 1e-12);
        assertEquals(0.0, f.oneNnaTiesShared(), 1e-12);
        double[][] h = {
            {0, 0.2, 0.2, 0.9},
            {0.2, 0, 0.5, 0.9},
            {0.2, 0.5, 0, 0.9},
            {0.9, 0.9, 0.9, 0},
        };
        // g0's nearest: g1 and r0 tied at 0.2 -> lowest index g1 (right), shared 1/2; g1 -> g0 (right);
        // r0 -> g0 (wrong); r1 -> g0|g1|r0 all 0.9 -> lowest index g0 (wrong), shared 1/3
        SetMetrics k = SetMetrics.fromDistances(h, 2);
        assertEquals(2.0 / 4, k.oneNna(), 1e-12);
        assertEquals((0.5 + 1 + 0 + 1.0 / 3) / 4, k.oneNnaTiesShared(), 1e-12);
    }

    @Test
    void withoutTies_theSharedMetricsEqualTheOriginalOnes() {
        SplittableRandom r = new SplittableRandom(9);
        List<float[]> a = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            a.add(random(40, r));
            b.add(random(40, r));
        }
        for (SetDistance dist : SetDistance.values()) {
            SetMetrics m = SetMetrics.compute(a, b, dist);
            assertEquals(m.cov(), m.covTiesShared(), 1e-12, dist.key());
            assertEquals(m.oneNna(), m.oneNnaTiesShared(), 1e-12, dist.key());
        }
        SetMetrics original = SetMetrics.compute(a, b);
        SetMetrics l2 = SetMetrics.compute(a, b, SetDistance.CHAMFER_L2);
        assertEquals(original, l2);
    }

    @Test
    void distances_matchTheirDefinitionsOnTwoPoints() {
        float[] p = {0, 0, 0};
        float[] q = {0.5f, 0, 0};
        float[] pq = {0, 0, 0, 0.5f, 0, 0};
        List<float[]> two = List.of(p, q);
        assertEquals(0.5, SetDistance.CHAMFER_L2.matrix(two)[0][1], 1e-9);
        assertEquals(0.25 + 0.25, SetDistance.CHAMFER_SQUARED.matrix(two)[0][1], 1e-9);
        assertEquals(0.5, SetDistance.EMD.matrix(two)[1][0], 1e-9);
        // {p} against {p, q}: Chamfer L2 = (0 + 0.25) / 2; squared = 0 + 0.125; EMD of the resamples: half move
        List<float[]> sets = List.of(p, pq);
        assertEquals(0.125, SetDistance.CHAMFER_L2.matrix(sets)[0][1], 1e-9);
        assertEquals(0.125, SetDistance.CHAMFER_SQUARED.matrix(sets)[0][1], 1e-9);
        assertEquals(0.25, SetDistance.EMD.matrix(sets)[0][1], 1e-9);
        assertEquals(0.0, SetDistance.EMD.matrix(sets)[1][1], 0.0);
    }

    @Test
    void restrict_picksRowsAndColumnsInTheGivenOrder() {
        double[][] d = {{0, 1, 2}, {1, 0, 3}, {2, 3, 0}};
        double[][] s = SetMetrics.restrict(d, new int[] {2, 0});
        assertEquals(0, s[0][0]);
        assertEquals(2, s[0][1]);
        assertEquals(2, s[1][0]);
        assertTrue(s.length == 2 && s[0].length == 2);
    }

    private static float[] random(int n, SplittableRandom r) {
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextDouble() - 0.5);
        }
        return p;
    }
}
