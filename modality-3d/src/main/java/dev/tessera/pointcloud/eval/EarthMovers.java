package dev.tessera.pointcloud.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Earth mover's distance between two point sets of equal size: the mean Euclidean distance of the
 * optimal one-to-one matching, solved exactly with the Hungarian algorithm (O(n^3)). This is the EMD
 * of Achlioptas et al. and PointFlow, which solve the same matching approximately on 2,048 points;
 * here sets of different sizes (e.g. decoded voxel centres) are first {@linkplain #resample
 * resampled} to a common size.
 */
public final class EarthMovers {
    private EarthMovers() { }

    /**
     * Returns the EMD of two sets of the same size.
     *
     * @param a flat coordinates, {@code 3n} values, {@code n >= 1}
     * @param b flat coordinates, {@code 3n} values
     * @return the mean matched distance
     * @throws IllegalArgumentException if the sizes differ or a set is empty
     */
    public static double distance(float[] a, float[] b) {
        if (a.length != b.length || a.length < 3 || a.length % 3 != 0) {
            throw new IllegalArgumentException("EMD needs two non-empty sets of equal size; got " + a.length / 3
                    + " and " + b.length / 3 + " points");
        }
        int n = a.length / 3;
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = a[3 * i] - b[3 * j];
                double dy = a[3 * i + 1] - b[3 * j + 1];
                double dz = a[3 * i + 2] - b[3 * j + 2];
                cost[i][j] = Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
        }
        int[] match = assignment(cost);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += cost[i][match[i]];
        }
        return s / n;
    }

    /**
     * Solves the square assignment problem (minimum total cost) with the Hungarian algorithm in its
     * potentials form (Kuhn-Munkres, O(n^3)).
     *
     * @param cost an {@code n x n} cost matrix
     * @return for every row, its column in the optimal matching
     */
    public static int[] assignment(double[][] cost) {
        int n = cost.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1]; // p[j]: the row (1-based) matched to column j; p[0] the row being added
        int[] way = new int[n + 1];
        double[] minv = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            if (cost[i - 1].length != n) {
                throw new IllegalArgumentException("cost row " + (i - 1) + " has " + cost[i - 1].length
                        + " columns; expected " + n);
            }
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                double[] row = cost[i0 - 1];
                double ui = u[i0];
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = row[j - 1] - ui - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] match = new int[n];
        for (int j = 1; j <= n; j++) {
            match[p[j] - 1] = j - 1;
        }
        return match;
    }

    /**
     * Resamples a point set to exactly {@code m} points with equal weight per input point: a set of
     * {@code n >= m} points keeps {@code m} of them drawn without replacement; a smaller set repeats
     * every point {@code m / n} times and {@code m mod n} distinct points once more. The draw is seeded
     * by the coordinates themselves, so equal sets give equal resamples (and an EMD of 0).
     *
     * @param xyz flat coordinates, at least one point
     * @param m the number of points wanted, positive
     * @return {@code 3m} coordinates
     */
    public static float[] resample(float[] xyz, int m) {
        int n = xyz.length / 3;
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("resample needs points (" + n + ") and m >= 1 (" + m + ")");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(Arrays.hashCode(xyz));
        int extra = n >= m ? m : m % n;
        for (int i = 0; i < extra; i++) { // partial Fisher-Yates: the first `extra` entries are a uniform draw
            int k = i + r.nextInt(n - i);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        float[] out = new float[3 * m];
        int o = 0;
        if (n < m) {
            for (int rep = 0; rep < m / n; rep++) {
                System.arraycopy(xyz, 0, out, o, 3 * n);
                o += 3 * n;
            }
        }
        for (int i = 0; i < extra; i++) {
            System.arraycopy(xyz, 3 * order[i], out, o, 3);
            o += 3;
        }
        return out;
    }
}
