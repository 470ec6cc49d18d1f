package dev.tessera.timeseries.forecast;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a forecast should contain and how it is made. Two configs are equal when every field is (the levels
 * compared by value), so requests built apart, e.g. one per row of a table, are batched together.
 *
 * @param levels the quantile levels to report (increasing, in (0, 1))
 * @param samples the number of sample paths (at least 1)
 * @param seed seed of the sample paths
 * @param decompose whether to remove an STL-like seasonal part first and add its continuation
 *     back (needs a period above 1 and two full periods of history; otherwise ignored)
 * @param period the seasonal period m, or 0 to take the frequency's default
 */
public record ForecastConfig(double[] levels, int samples, long seed, boolean decompose, int period) {
    /**
     * The nine deciles 0.1, 0.2, ..., 0.9: the default levels of a forecast and of the patch models' quantile
     * heads, and the levels the weighted quantile loss of {@code eval.Metrics} averages over.
     */
    public static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /** Validates the fields. */
    public ForecastConfig {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("levels must not be empty");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || (i > 0 && !(levels[i] > levels[i - 1]))) {
                throw new IllegalArgumentException("levels must increase within (0, 1), got "
                        + Arrays.toString(levels));
            }
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples (" + samples + ") must be >= 1");
        }
        if (period < 0) {
            throw new IllegalArgumentException("period (" + period + ") must be >= 0");
        }
        levels = levels.clone();
    }

    /** @return levels 0.1..0.9, 100 paths, seed 1, no decomposition, the frequency's period */
    public static ForecastConfig defaults() {
        return new ForecastConfig(DECILES, 100, 1, false, 0);
    }

    /**
     * Returns a copy with other levels.
     *
     * @param l the levels
     * @return the new config
     */
    public ForecastConfig withLevels(double[] l) {
        return new ForecastConfig(l, samples, seed, decompose, period);
    }

    /**
     * Returns a copy with decomposition switched on or off and a period.
     *
     * @param on whether to decompose
     * @param m the period (0 = the frequency's default)
     * @return the new config
     */
    public ForecastConfig withDecomposition(boolean on, int m) {
        return new ForecastConfig(levels, samples, seed, on, m);
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    /** @return whether {@code o} is a config with the same levels (by value) and the same other fields */
    @Override
    public boolean equals(Object o) {
        return o instanceof ForecastConfig c && Arrays.equals(levels, c.levels) && samples == c.samples
                && seed == c.seed && decompose == c.decompose && period == c.period;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(levels) + Objects.hash(samples, seed, decompose, period);
    }

    @Override
    public String toString() {
        return "ForecastConfig[levels=" + Arrays.toString(levels) + ", samples=" + samples + ", seed=" + seed
                + ", decompose=" + decompose + ", period=" + period + "]";
    }
}
