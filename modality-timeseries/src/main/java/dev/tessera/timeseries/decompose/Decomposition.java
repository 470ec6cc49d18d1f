package dev.tessera.timeseries.decompose;

/**
 * A series split as {@code value = trend + seasonal + residual}.
 *
 * @param trend the smooth trend
 * @param seasonal the periodic part (zero mean over each cycle; all zeros when the period is 1)
 * @param residual what is left
 * @param period the seasonal period used
 */
public record Decomposition(double[] trend, double[] seasonal, double[] residual, int period) {
    /** Checks the lengths and copies the arrays. */
    public Decomposition {
        if (trend.length != seasonal.length || trend.length != residual.length) {
            throw new IllegalArgumentException("trend (" + trend.length + "), seasonal (" + seasonal.length
                    + ") and residual (" + residual.length + ") lengths differ");
        }
        trend = trend.clone();
        seasonal = seasonal.clone();
        residual = residual.clone();
    }

    /** @return the series without its seasonal part (trend + residual) */
    public double[] seasonallyAdjusted() {
        double[] a = new double[trend.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = trend[i] + residual[i];
        }
        return a;
    }

    /**
     * Continues the seasonal part: step {@code k} (1-based) after the end repeats the value one or
     * more whole periods earlier.
     *
     * @param horizon the number of future steps
     * @return the seasonal values for steps 1..horizon
     */
    public double[] seasonalForecast(int horizon) {
        double[] f = new double[horizon];
        int n = seasonal.length;
        for (int k = 1; k <= horizon; k++) {
            int back = ((k - 1) / period + 1) * period;
            int idx = n - back + k - 1;
            f[k - 1] = idx >= 0 ? seasonal[idx] : 0;
        }
        return f;
    }
}
