package dev.tessera.pointcloud.eval;

import java.util.List;

/**
 * The shape-to-shape distances the set metrics can use, each a documented definition from the
 * point-cloud generation literature:
 * <ul>
 *   <li>{@link #CHAMFER_L2}: Tessera's original Chamfer distance, the mean of both directions' mean
 *       Euclidean nearest-neighbour distance ({@link PointSetMetrics#chamfer(float[], float[])});</li>
 *   <li>{@link #CHAMFER_SQUARED}: PointFlow's CD (Yang et al. 2019, {@code metrics/evaluation_metrics.py}):
 *       the sum of both directions' mean <em>squared</em> nearest-neighbour distance;</li>
 *   <li>{@link #EMD}: the earth mover's distance of {@link EarthMovers}, on both shapes resampled to
 *       {@link #EMD_POINTS} points.</li>
 * </ul>
 */
public enum SetDistance {
    /** Mean of both directions' mean nearest-neighbour distance (Euclidean). */
    CHAMFER_L2("chamfer_l2"),
    /** Sum of both directions' mean squared nearest-neighbour distance (PointFlow's CD). */
    CHAMFER_SQUARED("chamfer_squared"),
    /** Exact optimal-matching distance on {@link #EMD_POINTS}-point resamples. */
    EMD("emd");

    /** Points each shape is resampled to before its EMD (an exact matching costs O(n^3)). */
    public static final int EMD_POINTS = 128;

    private final String key;

    SetDistance(String key) {
        this.key = key;
    }

    /** @return the name used in reports, e.g. {@code "chamfer_squared"} */
    public String key() {
        return key;
    }

    /**
     * Returns the symmetric matrix of distances between every two clouds.
     *
     * @param clouds flat coordinates, each at least one point
     * @return {@code n x n} distances, 0 on the diagonal
     */
    public double[][] matrix(List<float[]> clouds) {
        int n = clouds.size();
        double[][] d = new double[n][n];
        if (this == EMD) {
            float[][] res = new float[n][];
            for (int i = 0; i < n; i++) {
                res[i] = EarthMovers.resample(clouds.get(i), EMD_POINTS);
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    d[i][j] = EarthMovers.distance(res[i], res[j]);
                    d[j][i] = d[i][j];
                }
            }
            return d;
        }
        PointIndex[] idx = new PointIndex[n];
        for (int i = 0; i < n; i++) {
            idx[i] = new PointIndex(clouds.get(i));
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float[] a = clouds.get(i);
                float[] b = clouds.get(j);
                d[i][j] = this == CHAMFER_L2 ? PointSetMetrics.chamfer(a, idx[i], b, idx[j])
                        : meanSquare(idx[j].nearestAll(a)) + meanSquare(idx[i].nearestAll(b));
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    private static double meanSquare(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v * v;
        }
        return s / d.length;
    }
}
