package dev.tessera.timeseries.task;

/**
 * A generated series {@code level + change * (t / (n - 1) - 1/2) + amplitude * sin(2 pi t / period + phase)
 * + sigma * noise_t} with its known parameters.
 *
 * @param traits trend, period and noise class
 * @param level the mean level
 * @param change the total trend change over the first {@code n} points (0 when flat)
 * @param amplitude the seasonal amplitude
 * @param phase the seasonal phase in radians
 * @param sigma the noise standard deviation
 * @param values the noisy values
 */
public record SeasonalSeries(SeriesTraits traits, double level, double change, double amplitude, double phase,
        double sigma, double[] values) {

    /** Copies the values. */
    public SeasonalSeries {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * The noise-free signal of the same parameters with another period (for checking that a
     * forecast follows a hinted period).
     *
     * @param period the period
     * @param trendLength the {@code n} of the trend formula (the length the series was drawn with)
     * @param length how many points to return
     * @return the signal
     */
    public double[] signal(int period, int trendLength, int length) {
        double[] s = new double[length];
        for (int t = 0; t < length; t++) {
            s[t] = level + change * ((double) t / (trendLength - 1) - 0.5)
                    + amplitude * Math.sin(2 * Math.PI * t / period + phase);
        }
        return s;
    }
}
