package dev.tessera.timeseries.decompose;

import org.apache.commons.math3.analysis.interpolation.LoessInterpolator;

/**
 * An STL-like decomposition (after Cleveland et al. 1990, simplified): alternately
 * <ol>
 *   <li>smooth each cycle-subseries of the detrended values (all values at one phase of the
 *       period) with LOESS, and centre the result so every full cycle sums to zero;</li>
 *   <li>smooth the deseasonalised values with LOESS to get the trend.</li>
 * </ol>
 * The LOESS fits come from Commons Math's {@link LoessInterpolator}; the outer loop, the
 * cycle-subseries handling and the centring are written here because Commons Math has no STL.
 * Missing values must be filled first.
 */
public final class StlDecomposer {
    private final int iterations;
    private final double trendSpan;
    private final double seasonalSpan;

    /**
     * Creates a decomposer.
     *
     * @param iterations outer passes (2 is plenty for smooth series)
     * @param trendSpan the trend smoother's window in periods (e.g. 1.5)
     * @param seasonalSpan the fraction of each cycle-subseries the seasonal smoother spans (1 = a
     *     fixed seasonal pattern; smaller lets it evolve)
     */
    public StlDecomposer(int iterations, double trendSpan, double seasonalSpan) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations (" + iterations + ") must be >= 1");
        }
        if (!(trendSpan > 0) || !(seasonalSpan > 0) || seasonalSpan > 1) {
            throw new IllegalArgumentException("trendSpan (" + trendSpan + ") must be > 0 and seasonalSpan ("
                    + seasonalSpan + ") in (0, 1]");
        }
        this.iterations = iterations;
        this.trendSpan = trendSpan;
        this.seasonalSpan = seasonalSpan;
    }

    /** @return a decomposer with 2 passes, a trend window of 1.5 periods and a seasonal span of 0.7 */
    public static StlDecomposer defaults() {
        return new StlDecomposer(2, 1.5, 0.7);
    }

    /**
     * Decomposes a series.
     *
     * @param values the values (no NaN)
     * @param period the seasonal period (1 = no seasonality: the seasonal part is zero)
     * @return the decomposition
     * @throws IllegalArgumentException if a value is NaN, the period is below 1, or there are fewer
     *     than two full periods
     */
    public Decomposition decompose(double[] values, int period) {
        int n = values.length;
        if (period < 1) {
            throw new IllegalArgumentException("period (" + period + ") must be >= 1");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value at index " + i + " is " + values[i]
                        + "; fill missing values before decomposing");
            }
        }
        if (n < Math.max(4, 2 * period)) {
            throw new IllegalArgumentException("decomposition needs at least two periods (" + 2 * period
                    + " values, and at least 4), got " + n);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        double[] seasonal = new double[n];
        double[] trend = smooth(x, values, trendWindow(n, period));
        if (period > 1) {
            for (int it = 0; it < iterations; it++) {
                double[] detrended = new double[n];
                for (int i = 0; i < n; i++) {
                    detrended[i] = values[i] - trend[i];
                }
                seasonal = seasonalPart(detrended, period);
                double[] adjusted = new double[n];
                for (int i = 0; i < n; i++) {
                    adjusted[i] = values[i] - seasonal[i];
                }
                trend = smooth(x, adjusted, trendWindow(n, period));
            }
        }
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = values[i] - trend[i] - seasonal[i];
        }
        return new Decomposition(trend, seasonal, residual, period);
    }

    private int trendWindow(int n, int period) {
        int w = (int) Math.ceil(trendSpan * Math.max(period, 2)) | 1;
        return Math.max(5, Math.min(n, w));
    }

    private double[] seasonalPart(double[] detrended, int period) {
        int n = detrended.length;
        double[] s = new double[n];
        for (int phase = 0; phase < period; phase++) {
            int k = (n - phase + period - 1) / period;
            double[] x = new double[k];
            double[] y = new double[k];
            for (int j = 0; j < k; j++) {
                x[j] = j;
                y[j] = detrended[phase + j * period];
            }
            double[] sm = k >= 5 ? smooth(x, y, Math.max(4, (int) Math.round(seasonalSpan * k))) : constant(y);
            for (int j = 0; j < k; j++) {
                s[phase + j * period] = sm[j];
            }
        }
        // centre: subtract a centred moving average of length `period` so each cycle sums to ~0
        double[] centred = new double[n];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, Math.min(n - period, i - period / 2));
            double m = 0;
            for (int j = from; j < from + period; j++) {
                m += s[j];
            }
            centred[i] = s[i] - m / period;
        }
        return centred;
    }

    private static double[] constant(double[] y) {
        double m = 0;
        for (double v : y) {
            m += v;
        }
        m /= y.length;
        double[] c = new double[y.length];
        java.util.Arrays.fill(c, m);
        return c;
    }

    /** LOESS with a window of {@code points} neighbours (local linear, no robustness passes). */
    private static double[] smooth(double[] x, double[] y, int points) {
        int n = x.length;
        double bandwidth = Math.min(1.0, Math.max(2.0 / n, (double) points / n));
        if (bandwidth * n < 2) {
            return y.clone();
        }
        return new LoessInterpolator(bandwidth, 0).smooth(x, y);
    }
}
