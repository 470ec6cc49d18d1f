package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.data.TimeSeries;

/** Forecasts the future of a univariate series. */
public interface Forecaster {

    /**
     * Forecasts steps 1..{@code horizon} after the end of {@code history}.
     *
     * @param history the past values (NaN = missing: imputed by linear interpolation)
     * @param horizon the number of steps, at least 1 (any value: longer horizons are autoregressive)
     * @param config levels, sample paths, seed and preprocessing
     * @return the forecast
     * @throws IllegalArgumentException if the history is multivariate, too short, or all missing
     */
    Forecast forecast(TimeSeries history, int horizon, ForecastConfig config);
}
