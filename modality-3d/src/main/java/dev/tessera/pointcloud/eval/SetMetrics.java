package dev.tessera.pointcloud.eval;

import java.util.List;

/**
 * Distribution metrics between a generated set of shapes and a reference set, with Chamfer
 * distance between clouds (as in Achlioptas et al. and PointFlow):
 * <ul>
 *   <li>COV: fraction of reference shapes that are the nearest reference of some generated shape;</li>
 *   <li>MMD: mean over reference shapes of the distance to the closest generated shape;</li>
 *   <li>1-NNA: leave-one-out 1-nearest-neighbour accuracy on the union of both sets, each shape
 *       labelled by its set; 0.5 means indistinguishable, 1.0 fully separable.</li>
 * </ul>
 *
 * @param cov coverage in [0, 1]
 * @param mmd minimum matching distance (Chamfer units)
 * @param oneNna 1-NN accuracy in [0, 1]
 * @param generated number of generated shapes
 * @param reference number of reference shapes
 */
public record SetMetrics(double cov, double mmd, double oneNna, int generated, int reference) {

    /**
     * Computes the metrics.
     *
     * @param generated generated clouds (flat coordinates, same normalisation as the reference)
     * @param reference reference clouds
     * @return the metrics
     */
    public static SetMetrics compute(List<float[]> generated, List<float[]> reference) {
        int g = generated.size();
        int r = reference.size();
        if (g == 0 || r == 0) {
            throw new IllegalArgumentException("both sets need shapes: generated " + g + ", reference " + r);
        }
        int n = g + r;
        float[][] all = new float[n][];
        PointIndex[] idx = new PointIndex[n];
        for (int i = 0; i < n; i++) {
            all[i] = i < g ? generated.get(i) : reference.get(i - g);
            idx[i] = new PointIndex(all[i]);
        }
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[i][j] = PointSetMetrics.chamfer(all[i], idx[i], all[j], idx[j]);
                d[j][i] = d[i][j];
            }
        }
        return fromDistances(d, g);
    }

    /**
     * Computes the metrics from a symmetric distance matrix over the union (generated first).
     *
     * @param d distances, {@code (g + r) x (g + r)}
     * @param g the number of generated shapes (rows {@code 0..g-1})
     * @return the metrics
     */
    public static SetMetrics fromDistances(double[][] d, int g) {
        int n = d.length;
        int r = n - g;
        boolean[] covered = new boolean[r];
        for (int i = 0; i < g; i++) {
            int best = -1;
            for (int j = 0; j < r; j++) {
                if (best < 0 || d[i][g + j] < d[i][g + best]) {
                    best = j;
                }
            }
            covered[best] = true;
        }
        int cov = 0;
        double mmd = 0;
        for (int j = 0; j < r; j++) {
            cov += covered[j] ? 1 : 0;
            double m = Double.MAX_VALUE;
            for (int i = 0; i < g; i++) {
                m = Math.min(m, d[g + j][i]);
            }
            mmd += m;
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (j != i && (best < 0 || d[i][j] < d[i][best])) {
                    best = j;
                }
            }
            if ((i < g) == (best < g)) {
                correct++;
            }
        }
        return new SetMetrics((double) cov / r, mmd / r, (double) correct / n, g, r);
    }
}
