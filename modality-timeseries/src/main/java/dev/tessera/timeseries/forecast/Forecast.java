package dev.tessera.timeseries.forecast;

import java.util.Arrays;

/**
 * A probabilistic forecast of one univariate series for steps 1..h.
 *
 * @param series the series name
 * @param levels quantile levels in (0, 1), strictly increasing
 * @param quantiles {@code [level][step]}, non-decreasing across levels at every step
 * @param mean the mean forecast {@code [step]}
 * @param samples sample paths {@code [path][step]} (may have zero paths, e.g. for baselines)
 */
public record Forecast(String series, double[] levels, double[][] quantiles, double[] mean, double[][] samples) {

    /** Validates shapes, finiteness and the order of the quantiles; copies the arrays. */
    public Forecast {
        int h = mean.length;
        if (h == 0) {
            throw new IllegalArgumentException("forecast of '" + series + "' has no steps");
        }
        if (levels.length != quantiles.length) {
            throw new IllegalArgumentException("forecast of '" + series + "': " + levels.length + " levels but "
                    + quantiles.length + " quantile rows");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || (i > 0 && !(levels[i] > levels[i - 1]))) {
                throw new IllegalArgumentException("forecast of '" + series + "': levels must increase within (0, 1), got "
                        + Arrays.toString(levels));
            }
            if (quantiles[i].length != h) {
                throw new IllegalArgumentException("forecast of '" + series + "': quantile row " + i + " has "
                        + quantiles[i].length + " steps, mean has " + h);
            }
        }
        for (int t = 0; t < h; t++) {
            if (!Double.isFinite(mean[t])) {
                throw new IllegalArgumentException("forecast of '" + series + "': mean at step " + (t + 1) + " is "
                        + mean[t]);
            }
            for (int i = 0; i < levels.length; i++) {
                if (!Double.isFinite(quantiles[i][t])) {
                    throw new IllegalArgumentException("forecast of '" + series + "': quantile " + levels[i]
                            + " at step " + (t + 1) + " is " + quantiles[i][t]);
                }
                if (i > 0 && quantiles[i][t] < quantiles[i - 1][t]) {
                    throw new IllegalArgumentException("forecast of '" + series + "': quantile " + levels[i]
                            + " (" + quantiles[i][t] + ") below quantile " + levels[i - 1] + " ("
                            + quantiles[i - 1][t] + ") at step " + (t + 1));
                }
            }
        }
        for (double[] s : samples) {
            if (s.length != h) {
                throw new IllegalArgumentException("forecast of '" + series + "': a sample path has " + s.length
                        + " steps, expected " + h);
            }
        }
        levels = levels.clone();
        quantiles = copy(quantiles);
        mean = mean.clone();
        samples = copy(samples);
    }

    /**
     * Builds a forecast from sample paths: quantiles are empirical (linear interpolation between
     * order statistics), the mean is the sample mean.
     *
     * @param series the series name
     * @param samples {@code [path][step]}, at least one path
     * @param levels the quantile levels to report
     * @return the forecast
     */
    public static Forecast fromSamples(String series, double[][] samples, double[] levels) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("forecast of '" + series + "': no sample paths");
        }
        int h = samples[0].length;
        double[][] q = new double[levels.length][h];
        double[] mean = new double[h];
        double[] col = new double[samples.length];
        for (int t = 0; t < h; t++) {
            empiricalStep(samples, t, levels, q, mean, col);
        }
        return new Forecast(series, levels, q, mean, samples);
    }

    /**
     * The empirical quantiles and mean of step {@code t} of sample paths, into {@code q[i][t]} and {@code mean[t]}.
     *
     * @param samples the paths
     * @param t the step
     * @param levels the levels
     * @param q receives the quantiles
     * @param mean receives the mean
     * @param col scratch of {@code samples.length}
     */
    static void empiricalStep(double[][] samples, int t, double[] levels, double[][] q, double[] mean, double[] col) {
        double m = 0;
        for (int p = 0; p < samples.length; p++) {
            col[p] = samples[p][t];
            m += col[p] / samples.length;
        }
        mean[t] = m;
        Arrays.sort(col);
        for (int i = 0; i < levels.length; i++) {
            q[i][t] = empiricalQuantile(col, levels[i]);
        }
    }

    /**
     * The quantile of sorted values with linear interpolation (R type 7).
     *
     * @param sorted ascending values
     * @param level the level in [0, 1]
     * @return the quantile
     */
    public static double empiricalQuantile(double[] sorted, double level) {
        double pos = level * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double w = pos - lo;
        return sorted[lo] * (1 - w) + sorted[hi] * w;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** @return the number of steps */
    public int horizon() {
        return mean.length;
    }

    /**
     * Returns the quantile row of a level.
     *
     * @param level a level of this forecast
     * @return a copy of the values per step
     * @throws IllegalArgumentException if the level was not requested
     */
    public double[] quantile(double level) {
        for (int i = 0; i < levels.length; i++) {
            if (Math.abs(levels[i] - level) < 1e-9) {
                return quantiles[i].clone();
            }
        }
        throw new IllegalArgumentException("forecast of '" + series + "' has no quantile " + level + "; levels are "
                + Arrays.toString(levels));
    }

    /** @return the median (the 0.5 quantile if present, else interpolated between the nearest levels) */
    public double[] median() {
        for (int i = 0; i < levels.length; i++) {
            if (Math.abs(levels[i] - 0.5) < 1e-9) {
                return quantiles[i].clone();
            }
        }
        if (samples.length > 0) {
            return fromSamples(series, samples, new double[] {0.5}).quantiles()[0];
        }
        return mean.clone();
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[][] quantiles() {
        return copy(quantiles);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] samples() {
        return copy(samples);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forecast f && series.equals(f.series) && Arrays.equals(levels, f.levels)
                && Arrays.deepEquals(quantiles, f.quantiles) && Arrays.equals(mean, f.mean)
                && Arrays.deepEquals(samples, f.samples);
    }

    @Override
    public int hashCode() {
        return series.hashCode() * 31 + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "Forecast[" + series + ", h=" + mean.length + ", " + levels.length + " quantiles, " + samples.length
                + " paths]";
    }
}
