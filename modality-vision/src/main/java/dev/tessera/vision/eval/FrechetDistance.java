package dev.tessera.vision.eval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * The Fréchet distance between two sets of feature vectors, each summarised by its mean and covariance as a
 * Gaussian: {@code |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2))} — the FID of Heusel et al. (2017) when the
 * features are a classifier's. Lower is closer; 0 for equal statistics. Like every FID it is biased upwards
 * for small sets, so compare it only with a distance between sets of the same sizes (e.g. real against real).
 *
 * <p>The trace of the matrix square root is computed stably as {@code sum sqrt(eig(A S2 A))} with
 * {@code A = S1^(1/2)} (symmetric, so Commons Math's symmetric eigendecomposition applies); tiny negative
 * eigenvalues from rounding count as 0.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /**
     * Computes the distance.
     *
     * @param a the first set, {@code [item][feature]}, at least 2 items
     * @param b the second set, the same feature count, at least 2 items
     * @return the distance ({@code >= 0} up to rounding)
     * @throws IllegalArgumentException if a set has fewer than 2 items, the feature counts differ, or a value is
     *     not finite
     */
    public static double between(double[][] a, double[][] b) {
        check(a, "first");
        check(b, "second");
        if (a[0].length != b[0].length) {
            throw new IllegalArgumentException("feature counts differ: " + a[0].length + " and " + b[0].length);
        }
        int d = a[0].length;
        double[] ma = mean(a);
        double[] mb = mean(b);
        double dist = 0;
        for (int j = 0; j < d; j++) {
            dist += (ma[j] - mb[j]) * (ma[j] - mb[j]);
        }
        RealMatrix sa = new Covariance(a, false).getCovarianceMatrix();
        RealMatrix sb = new Covariance(b, false).getCovarianceMatrix();
        RealMatrix root = sqrtSymmetric(sa);
        RealMatrix m = root.multiply(sb).multiply(root);
        m = m.add(m.transpose()).scalarMultiply(0.5); // symmetric up to rounding: make it exactly so
        double traceRoot = 0;
        for (double ev : new EigenDecomposition(m).getRealEigenvalues()) {
            traceRoot += Math.sqrt(Math.max(0, ev));
        }
        return dist + sa.getTrace() + sb.getTrace() - 2 * traceRoot;
    }

    private static RealMatrix sqrtSymmetric(RealMatrix s) {
        EigenDecomposition e = new EigenDecomposition(s.add(s.transpose()).scalarMultiply(0.5));
        double[] ev = e.getRealEigenvalues();
        int d = ev.length;
        RealMatrix v = e.getV();
        RealMatrix scaled = new Array2DRowRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                scaled.setEntry(i, j, v.getEntry(i, j) * Math.sqrt(Math.max(0, ev[j])));
            }
        }
        return scaled.multiply(v.transpose());
    }

    private static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= x.length;
        }
        return m;
    }

    private static void check(double[][] x, String which) {
        if (x.length < 2) {
            throw new IllegalArgumentException("the " + which + " set has " + x.length + " items; need at least 2");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != x[0].length) {
                throw new IllegalArgumentException("the " + which + " set's item " + i + " has " + x[i].length
                        + " features, item 0 has " + x[0].length);
            }
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("the " + which + " set's item " + i + ", feature " + j + " is "
                            + x[i][j]);
                }
            }
        }
    }
}
