package dev.tessera.timeseries.eval;

import dev.tessera.timeseries.forecast.ForecastConfig;
import java.util.Arrays;

/**
 * Point and probabilistic forecast errors. Missing actual values (NaN) are skipped everywhere;
 * a forecast with no observed actual value is an error.
 *
 * <ul>
 *   <li>MASE = mean |y - f| / (mean over the history of |y_t - y_{t-m}|); if the history has no
 *       more than m points, the lag-1 error is used instead.</li>
 *   <li>sMAPE = 200/h * sum |y - f| / (|y| + |f|), in percent; a term with y = f = 0 counts 0.</li>
 *   <li>WQL = mean over levels q of 2 * sum_t pinball_q(y_t, f_t^q) / sum_t |y_t|.</li>
 *   <li>CRPS from samples: mean over steps of E|X - y| - E|X - X'|/2 (the energy form with the
 *       empirical distribution of the paths).</li>
 * </ul>
 */
public final class Metrics {
    /** The quantile levels of the weighted quantile loss: the deciles 0.1, ..., 0.9 ({@link ForecastConfig#DECILES}). */
    public static final double[] WQL_LEVELS = ForecastConfig.DECILES;

    private Metrics() { }

    /**
     * The mean absolute seasonal-naive error in the history (MASE's denominator).
     *
     * @param history the in-sample values (NaN-free)
     * @param period the seasonal period m
     * @return the scale
     * @throws IllegalArgumentException if the history has fewer than two points
     */
    public static double seasonalError(double[] history, int period) {
        if (history.length < 2) {
            throw new IllegalArgumentException("MASE scale needs at least 2 history points, got " + history.length);
        }
        int m = history.length > period ? period : 1;
        double s = 0;
        int k = 0;
        for (int t = m; t < history.length; t++) {
            double d = history[t] - history[t - m];
            if (!Double.isNaN(d)) {
                s += Math.abs(d);
                k++;
            }
        }
        return k == 0 ? Double.NaN : s / k;
    }

    /**
     * Mean absolute scaled error.
     *
     * @param actual the test values (NaN skipped)
     * @param point the point forecast
     * @param history the training values
     * @param period the seasonal period
     * @return MASE (infinite if the history's seasonal error is zero and the forecast is not exact)
     */
    public static double mase(double[] actual, double[] point, double[] history, int period) {
        return mae(actual, point) / seasonalError(history, period);
    }

    /**
     * Mean absolute error over observed actual values.
     *
     * @param actual the test values
     * @param point the point forecast
     * @return the MAE
     */
    public static double mae(double[] actual, double[] point) {
        check(actual, point.length, "point forecast");
        double s = 0;
        int k = 0;
        for (int t = 0; t < actual.length; t++) {
            if (!Double.isNaN(actual[t])) {
                s += Math.abs(actual[t] - point[t]);
                k++;
            }
        }
        return s / k;
    }

    /**
     * Symmetric mean absolute percentage error, in percent (0..200).
     *
     * @param actual the test values
     * @param point the point forecast
     * @return sMAPE
     */
    public static double smape(double[] actual, double[] point) {
        check(actual, point.length, "point forecast");
        double s = 0;
        int k = 0;
        for (int t = 0; t < actual.length; t++) {
            if (!Double.isNaN(actual[t])) {
                double den = Math.abs(actual[t]) + Math.abs(point[t]);
                s += den == 0 ? 0 : Math.abs(actual[t] - point[t]) / den;
                k++;
            }
        }
        return 200.0 * s / k;
    }

    /**
     * The pinball (quantile) loss of one prediction.
     *
     * @param y the actual value
     * @param q the predicted quantile
     * @param level the quantile level
     * @return {@code level * (y - q)} if {@code y >= q}, else {@code (1 - level) * (q - y)}
     */
    public static double pinball(double y, double q, double level) {
        return y >= q ? level * (y - q) : (1 - level) * (q - y);
    }

    /**
     * Weighted quantile loss averaged over levels.
     *
     * @param actual the test values
     * @param levels the quantile levels
     * @param quantiles {@code [level][step]}
     * @return WQL
     */
    public static double wql(double[] actual, double[] levels, double[][] quantiles) {
        if (levels.length != quantiles.length || levels.length == 0) {
            throw new IllegalArgumentException(levels.length + " levels for " + quantiles.length + " quantile rows");
        }
        double denom = 0;
        for (double y : actual) {
            if (!Double.isNaN(y)) {
                denom += Math.abs(y);
            }
        }
        double total = 0;
        for (int i = 0; i < levels.length; i++) {
            check(actual, quantiles[i].length, "quantile row " + i);
            double s = 0;
            for (int t = 0; t < actual.length; t++) {
                if (!Double.isNaN(actual[t])) {
                    s += pinball(actual[t], quantiles[i][t], levels[i]);
                }
            }
            total += 2 * s / denom;
        }
        return total / levels.length;
    }

    /**
     * CRPS estimated from sample paths, averaged over observed steps.
     *
     * @param actual the test values
     * @param samples {@code [path][step]}, at least one path
     * @return the mean CRPS (in the units of the series)
     */
    public static double crps(double[] actual, double[][] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("CRPS needs at least one sample path");
        }
        int n = samples.length;
        double total = 0;
        int k = 0;
        double[] col = new double[n];
        for (int t = 0; t < actual.length; t++) {
            if (Double.isNaN(actual[t])) {
                continue;
            }
            for (int p = 0; p < n; p++) {
                if (samples[p].length != actual.length) {
                    throw new IllegalArgumentException("sample path " + p + " has " + samples[p].length
                            + " steps, actual has " + actual.length);
                }
                col[p] = samples[p][t];
            }
            Arrays.sort(col);
            double e1 = 0;
            double e2 = 0;
            for (int i = 0; i < n; i++) {
                e1 += Math.abs(col[i] - actual[t]);
                // sum over pairs |x_i - x_j| = 2 * sum_i (2i - n + 1) x_(i) for sorted x (0-based)
                e2 += (2.0 * i - n + 1) * col[i];
            }
            total += e1 / n - e2 / ((double) n * n);
            k++;
        }
        return total / k;
    }

    private static void check(double[] actual, int len, String what) {
        if (len != actual.length) {
            throw new IllegalArgumentException(what + " has " + len + " steps, actual has " + actual.length);
        }
        boolean any = false;
        for (double y : actual) {
            any |= !Double.isNaN(y);
        }
        if (!any) {
            throw new IllegalArgumentException("no observed actual value to score against (all " + actual.length
                    + " are NaN)");
        }
    }
}
