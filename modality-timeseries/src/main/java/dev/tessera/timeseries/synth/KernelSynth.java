package dev.tessera.timeseries.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * KernelSynth (Ansari et al., "Chronos", 2024): draw 1 to {@code maxKernels} kernels from a bank,
 * combine them with random {@code +} or {@code *}, and sample a Gaussian-process path from the
 * composite covariance over {@code length} equally spaced times in {@code [0, 1]}.
 *
 * <p>The bank holds periodic kernels at periods typical of hourly, daily, weekly, monthly and
 * quarterly data (expressed relative to a 1024-step series as in the paper, plus a few short
 * ones so that short series also see several cycles), RBF and rational-quadratic kernels at
 * three scales, linear kernels, white noise and a constant. Each Cholesky factor is reused for
 * {@code pathsPerKernel} independent paths. Deterministic for a seed.
 */
public final class KernelSynth {
    private static final double[] PERIODS = {24, 48, 96, 168, 336, 672, 7, 14, 30, 60, 365, 730, 4, 26, 52, 6, 12,
        3, 5, 10};
    private final int length;
    private final int maxKernels;
    private final int pathsPerKernel;
    private final List<Kernel> bank;

    /**
     * Creates a generator.
     *
     * @param length the number of points per series
     * @param maxKernels the largest number of kernels combined (the paper uses 5)
     * @param pathsPerKernel independent paths drawn from each composite kernel
     */
    public KernelSynth(int length, int maxKernels, int pathsPerKernel) {
        if (length < 8 || length > 4096) {
            throw new IllegalArgumentException("length (" + length + ") must be in [8, 4096]");
        }
        if (maxKernels < 1 || pathsPerKernel < 1) {
            throw new IllegalArgumentException("maxKernels (" + maxKernels + ") and pathsPerKernel ("
                    + pathsPerKernel + ") must be >= 1");
        }
        this.length = length;
        this.maxKernels = maxKernels;
        this.pathsPerKernel = pathsPerKernel;
        List<Kernel> b = new ArrayList<>();
        for (double p : PERIODS) {
            b.add(Kernel.periodic(p / 1024.0));
            b.add(Kernel.periodic(p / 1024.0));
        }
        for (double p : new double[] {12, 4, 7, 24}) {
            b.add(Kernel.periodic(p / length));
            b.add(Kernel.periodic(p / length));
        }
        for (double s : new double[] {0, 1, 10}) {
            b.add(Kernel.linear(s));
        }
        for (double l : new double[] {0.1, 1, 10}) {
            b.add(Kernel.rbf(l));
        }
        for (double a : new double[] {0.1, 1, 10}) {
            b.add(Kernel.rationalQuadratic(a));
        }
        b.add(Kernel.white(0.1));
        b.add(Kernel.white(1));
        b.add(Kernel.constant(1));
        this.bank = List.copyOf(b);
    }

    /** @return a generator of 256-point series, up to 5 kernels, 4 paths per kernel */
    public static KernelSynth defaults() {
        return new KernelSynth(256, 5, 4);
    }

    /** @return the length of each series */
    public int length() {
        return length;
    }

    /**
     * Draws a random composite kernel.
     *
     * @param rng the random source
     * @return the kernel
     */
    public Kernel randomKernel(SplittableRandom rng) {
        int j = 1 + rng.nextInt(maxKernels);
        Kernel k = bank.get(rng.nextInt(bank.size()));
        for (int i = 1; i < j; i++) {
            Kernel next = bank.get(rng.nextInt(bank.size()));
            k = rng.nextBoolean() ? Kernel.sum(k, next) : Kernel.product(k, next);
        }
        return k;
    }

    /**
     * Samples GP paths from one kernel.
     *
     * @param kernel the covariance
     * @param paths the number of independent paths
     * @param rng the random source
     * @return {@code paths} series of {@link #length()} points
     */
    public double[][] sample(Kernel kernel, int paths, SplittableRandom rng) {
        int n = length;
        double[][] cov = new double[n][n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            double a = (double) i / n;
            for (int j = 0; j <= i; j++) {
                double v = kernel.k(a, (double) j / n, i == j);
                cov[i][j] = v;
                cov[j][i] = v;
            }
            trace += cov[i][i];
        }
        double jitter = Math.max(1e-6, 1e-6 * trace / n);
        RealMatrix l = null;
        for (int attempt = 0; attempt < 6 && l == null; attempt++) {
            double[][] c = new double[n][];
            for (int i = 0; i < n; i++) {
                c[i] = cov[i].clone();
                c[i][i] += jitter;
            }
            try {
                l = new CholeskyDecomposition(new Array2DRowRealMatrix(c, false), 1e-8, 1e-12).getL();
            } catch (NonPositiveDefiniteMatrixException e) {
                jitter *= 10;
            }
        }
        if (l == null) {
            throw new IllegalStateException("kernel " + kernel + " gave no positive-definite covariance");
        }
        double[][] lData = l.getData();
        double[][] out = new double[paths][n];
        double[] z = new double[n];
        for (int p = 0; p < paths; p++) {
            for (int i = 0; i < n; i++) {
                z[i] = rng.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                double[] row = lData[i];
                for (int j = 0; j <= i; j++) {
                    s += row[j] * z[j];
                }
                out[p][i] = s;
            }
        }
        return out;
    }

    /**
     * Generates series.
     *
     * @param count the number of series
     * @param seed the seed
     * @return {@code count} series of {@link #length()} points
     */
    public List<double[]> generate(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>(count);
        while (out.size() < count) {
            Kernel k = randomKernel(rng);
            for (double[] path : sample(k, Math.min(pathsPerKernel, count - out.size()), rng)) {
                if (isFinite(path)) {
                    out.add(path);
                }
            }
        }
        return out;
    }

    private static boolean isFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
