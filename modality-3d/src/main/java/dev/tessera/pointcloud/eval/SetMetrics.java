package dev.tessera.pointcloud.eval;

import java.util.List;

/**
 * Distribution metrics between a generated set of shapes and a reference set, by default with Chamfer
 * distance between clouds (as in Achlioptas et al. and PointFlow; {@link SetDistance} names the others):
 * <ul>
 *   <li>COV: fraction of reference shapes that are the nearest reference of some generated shape;</li>
 *   <li>MMD: mean over reference shapes of the distance to the closest generated shape;</li>
 *   <li>1-NNA: leave-one-out 1-nearest-neighbour accuracy on the union of both sets, each shape
 *       labelled by its set; 0.5 means indistinguishable, 1.0 fully separable.</li>
 * </ul>
 * As in PointFlow's code ({@code torch.min}), a nearest neighbour tied at exactly the same distance
 * goes to the lowest index (the first reference; for 1-NNA a generated shape, as generated shapes
 * come first). Continuous distances almost never tie, but distances between voxel sets on a coarse
 * grid do (two references that quantise to the same voxels are always tied), and then the
 * lowest-index rule can never cover the later copy. {@link #covTiesShared()} and
 * {@link #oneNnaTiesShared()} are the same metrics in expectation over a uniform choice among exact
 * ties; without ties they equal {@link #cov()} and {@link #oneNna()}.
 *
 * @param cov coverage in [0, 1]
 * @param mmd minimum matching distance (units of the distance used)
 * @param oneNna 1-NN accuracy in [0, 1]
 * @param generated number of generated shapes
 * @param reference number of reference shapes
 * @param covTiesShared expected coverage when each generated shape picks uniformly among its tied nearest
 *     references
 * @param oneNnaTiesShared expected 1-NN accuracy when each shape picks uniformly among its tied nearest
 *     neighbours
 */
public record SetMetrics(double cov, double mmd, double oneNna, int generated, int reference, double covTiesShared,
        double oneNnaTiesShared) {
    /** Relative tolerance under which two distances count as tied. */
    static final double TIE = 1e-9;

    /**
     * Computes the metrics.
     *
     * @param generated generated clouds (flat coordinates, same normalisation as the reference)
     * @param reference reference clouds
     * @return the metrics
     */
    public static SetMetrics compute(List<float[]> generated, List<float[]> reference) {
        return compute(generated, reference, SetDistance.CHAMFER_L2);
    }

    /**
     * Computes the metrics under another shape distance.
     *
     * @param generated generated clouds (flat coordinates, same normalisation as the reference)
     * @param reference reference clouds
     * @param distance the distance between two clouds
     * @return the metrics
     */
    public static SetMetrics compute(List<float[]> generated, List<float[]> reference, SetDistance distance) {
        if (generated.isEmpty() || reference.isEmpty()) {
            throw new IllegalArgumentException("both sets need shapes: generated " + generated.size() + ", reference "
                    + reference.size());
        }
        List<float[]> all = new java.util.ArrayList<>(generated);
        all.addAll(reference);
        return fromDistances(distance.matrix(all), generated.size());
    }

    /**
     * Returns the distances among a subset of the shapes of a matrix, in the order given.
     *
     * @param d a square distance matrix
     * @param rows the shapes to keep
     * @return {@code rows.length x rows.length} distances
     */
    public static double[][] restrict(double[][] d, int[] rows) {
        double[][] out = new double[rows.length][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows.length; j++) {
                out[i][j] = d[rows[i]][rows[j]];
            }
        }
        return out;
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
        if (g < 1 || r < 1) {
            throw new IllegalArgumentException("both sets need shapes: generated " + g + ", reference " + r);
        }
        double[] uncovered = new double[r]; // probability that no generated shape picks reference j
        java.util.Arrays.fill(uncovered, 1.0);
        for (int i = 0; i < g; i++) {
            double m = Double.MAX_VALUE;
            for (int j = 0; j < r; j++) {
                m = Math.min(m, d[i][g + j]);
            }
            int ties = 0;
            for (int j = 0; j < r; j++) {
                ties += tied(d[i][g + j], m) ? 1 : 0;
            }
            for (int j = 0; j < r; j++) {
                if (tied(d[i][g + j], m)) {
                    uncovered[j] *= 1 - 1.0 / ties;
                }
            }
        }
        double covShared = 0;
        for (double u : uncovered) {
            covShared += 1 - u;
        }
        double nnaShared = 0;
        for (int i = 0; i < n; i++) {
            double m = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    m = Math.min(m, d[i][j]);
                }
            }
            int ties = 0;
            int same = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && tied(d[i][j], m)) {
                    ties++;
                    same += (i < g) == (j < g) ? 1 : 0;
                }
            }
            nnaShared += (double) same / ties;
        }
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
        return new SetMetrics((double) cov / r, mmd / r, (double) correct / n, g, r, covShared / r, nnaShared / n);
    }

    private static boolean tied(double x, double min) {
        return x <= min + TIE * Math.max(Math.abs(min), Double.MIN_NORMAL);
    }
}
