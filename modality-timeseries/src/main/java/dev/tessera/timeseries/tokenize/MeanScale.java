package dev.tessera.timeseries.tokenize;

/** Chronos' scale: the mean absolute value of the observed context (1 when that is zero). */
public final class MeanScale {
    private MeanScale() { }

    /**
     * Computes the scale of a context.
     *
     * @param values the context (NaN = missing, ignored)
     * @return the mean absolute observed value, or 1 if it is zero or nothing is observed
     */
    public static double of(double[] values) {
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s += Math.abs(v);
                n++;
            }
        }
        double m = n == 0 ? 0 : s / n;
        return m > 0 ? m : 1.0;
    }
}
