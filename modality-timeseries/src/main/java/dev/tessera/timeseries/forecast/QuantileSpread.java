package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.data.TimeSeries;
import java.util.List;

/**
 * Rescales a forecaster's uncertainty: every quantile and sample path moves to
 * {@code median + factor * (value - median)}, step by step, so the median and the order of the
 * quantiles stay and the intervals widen ({@code factor > 1}) or narrow ({@code factor < 1}).
 * The mean is left as it is. A calibration step for the weighted quantile loss, whose factor is
 * chosen on held-out data.
 */
public final class QuantileSpread implements Forecaster {
    private final Forecaster inner;
    private final double factor;

    /**
     * Wraps a forecaster.
     *
     * @param inner the forecaster
     * @param factor the spread factor (&gt; 0)
     */
    public QuantileSpread(Forecaster inner, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor (" + factor + ") must be finite and > 0");
        }
        this.inner = inner;
        this.factor = factor;
    }

    @Override
    public Forecast forecast(TimeSeries history, int horizon, ForecastConfig config) {
        return rescale(inner.forecast(history, horizon, config));
    }

    @Override
    public List<Forecast> forecast(List<TimeSeries> histories, int horizon, ForecastConfig config) {
        return inner.forecast(histories, horizon, config).stream().map(this::rescale).toList();
    }

    private Forecast rescale(Forecast f) {
        double[] med = f.median();
        double[][] q = f.quantiles();
        double[][] s = f.samples();
        for (int t = 0; t < med.length; t++) {
            for (double[] row : q) {
                row[t] = med[t] + factor * (row[t] - med[t]);
            }
            for (double[] path : s) {
                path[t] = med[t] + factor * (path[t] - med[t]);
            }
        }
        return new Forecast(f.series(), f.levels(), q, f.mean(), s);
    }
}
