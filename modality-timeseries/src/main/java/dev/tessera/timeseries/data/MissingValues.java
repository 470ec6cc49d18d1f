package dev.tessera.timeseries.data;

/**
 * Fills missing values (NaN) by linear interpolation between the nearest observed neighbours; a
 * gap at either end takes the nearest observed value. This is the benchmark's rule for training
 * parts and the forecasters' documented policy for histories with gaps.
 */
public final class MissingValues {
    private MissingValues() { }

    /**
     * Returns a copy with every NaN filled.
     *
     * @param values the values
     * @param where a name for error messages
     * @return the filled copy
     * @throws IllegalArgumentException if every value is NaN (or there are none)
     */
    public static double[] interpolate(double[] values, String where) {
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException(where + ": all " + values.length + " values are missing (NaN)");
        }
        double[] out = values.clone();
        for (int i = 0; i < first; i++) {
            out[i] = values[first];
        }
        int prev = first;
        for (int i = first + 1; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                for (int j = prev + 1; j < i; j++) {
                    double w = (double) (j - prev) / (i - prev);
                    out[j] = values[prev] * (1 - w) + values[i] * w;
                }
                prev = i;
            }
        }
        for (int i = prev + 1; i < values.length; i++) {
            out[i] = values[prev];
        }
        return out;
    }

    /**
     * Counts the observed (non-NaN) values.
     *
     * @param values the values
     * @return the number of finite values
     */
    public static int observed(double[] values) {
        int k = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                k++;
            }
        }
        return k;
    }
}
