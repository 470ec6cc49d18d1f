package dev.tessera.timeseries.tokenize;

/**
 * Reversible instance normalisation (RevIN): subtract the context's mean and divide by its
 * standard deviation; {@link #denormalize(double)} undoes it.
 *
 * @param mean the observed mean
 * @param std the observed standard deviation (positive)
 */
public record RevIn(double mean, double std) {
    /** Validates the fields. */
    public RevIn {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("RevIn needs a finite mean (" + mean + ") and a positive std (" + std + ")");
        }
    }

    /**
     * Fits the statistics of a context, ignoring NaN. A constant context gets
     * {@code std = max(|mean|, 1) * 1e-3} so that it normalises to zeros instead of dividing by zero.
     *
     * @param values the context
     * @return the statistics
     * @throws IllegalArgumentException if no value is observed
     */
    public static RevIn fit(double[] values) {
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot normalise: all " + values.length + " values are missing");
        }
        double mean = s / n;
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double std = Math.sqrt(ss / n);
        double floor = Math.max(Math.abs(mean), 1.0) * 1e-3;
        return new RevIn(mean, Math.max(std, floor));
    }

    /**
     * Normalises a value.
     *
     * @param v the raw value
     * @return {@code (v - mean) / std}
     */
    public double normalize(double v) {
        return (v - mean) / std;
    }

    /**
     * Undoes {@link #normalize(double)}.
     *
     * @param z a normalised value
     * @return {@code z * std + mean}
     */
    public double denormalize(double z) {
        return z * std + mean;
    }
}
