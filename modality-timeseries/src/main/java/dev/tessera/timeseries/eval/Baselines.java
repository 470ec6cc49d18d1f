package dev.tessera.timeseries.eval;

import dev.tessera.timeseries.forecast.Forecast;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Naive and seasonal-naive forecasts with normal prediction intervals, computed as R's
 * {@code forecast::naive} / {@code forecast::snaive} do: the point forecast repeats the last
 * value (or the value one or more whole periods back), and the h-step standard deviation is
 * {@code sigma * sqrt(k)}, where sigma is the root mean square of the in-sample lag-m differences
 * and {@code k = floor((h - 1) / m) + 1} is the number of whole periods ahead.
 */
public final class Baselines {
    private Baselines() { }

    /**
     * The naive forecast (seasonal naive with period 1).
     *
     * @param name the series name
     * @param history the training values (NaN-free, at least 2)
     * @param horizon the number of steps
     * @param levels the quantile levels
     * @return the forecast
     */
    public static Forecast naive(String name, double[] history, int horizon, double[] levels) {
        return seasonalNaive(name, history, horizon, 1, levels);
    }

    /**
     * The seasonal-naive forecast. With a history of no more than {@code period} points it falls
     * back to the naive forecast.
     *
     * @param name the series name
     * @param history the training values (NaN-free, at least 2)
     * @param horizon the number of steps
     * @param period the seasonal period m
     * @param levels the quantile levels
     * @return the forecast
     */
    public static Forecast seasonalNaive(String name, double[] history, int horizon, int period, double[] levels) {
        int n = history.length;
        if (n < 2) {
            throw new IllegalArgumentException("series '" + name + "': baselines need at least 2 history points, got " + n);
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(history[i])) {
                throw new IllegalArgumentException("series '" + name + "': history value " + i
                        + " is NaN; fill missing values first");
            }
        }
        int m = n > period ? period : 1;
        double ss = 0;
        for (int t = m; t < n; t++) {
            double d = history[t] - history[t - m];
            ss += d * d;
        }
        double sigma = Math.sqrt(ss / (n - m));
        double[] point = new double[horizon];
        double[][] q = new double[levels.length][horizon];
        for (int h = 1; h <= horizon; h++) {
            int k = (h - 1) / m + 1;
            point[h - 1] = history[n + h - 1 - k * m];
            double sd = sigma * Math.sqrt(k);
            for (int i = 0; i < levels.length; i++) {
                double z = new NormalDistribution().inverseCumulativeProbability(levels[i]);
                q[i][h - 1] = point[h - 1] + (sd > 0 ? z * sd : 0);
            }
        }
        return new Forecast(name, levels, q, point, new double[0][]);
    }
}
