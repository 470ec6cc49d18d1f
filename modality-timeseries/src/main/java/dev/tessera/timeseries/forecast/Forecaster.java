package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.data.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Forecasts the future of a univariate series.
 *
 * <pre>{@code
 * // given: TimeSeries series
 * try (PretrainedForecaster f = Forecaster.pretrained()) {
 *     Forecast fc = f.forecast(series, 24);
 *     double[] median = fc.median();
 * }
 * }</pre>
 */
public interface Forecaster {

    /**
     * Loads the zero-shot forecaster shipped in this module's jar (trained on generated series only).
     *
     * @return the forecaster (close it)
     * @throws java.io.UncheckedIOException if the bundled model is missing from the class path or corrupt
     * @see PretrainedForecaster
     */
    static PretrainedForecaster pretrained() {
        return PretrainedForecaster.load();
    }

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

    /**
     * Forecasts with the default config: levels 0.1..0.9, 100 sample paths, seed 1, the seasonal period of
     * the series' frequency.
     *
     * @param history the past values
     * @param horizon the number of steps
     * @return the forecast
     */
    default Forecast forecast(TimeSeries history, int horizon) {
        return forecast(history, horizon, ForecastConfig.defaults());
    }

    /**
     * Forecasts many series with one config. Forecasters backed by a model override this to run it on
     * batches; the result equals forecasting each series alone.
     *
     * @param histories the series
     * @param horizon the number of steps
     * @param config levels, sample paths, seed and preprocessing (the period applies to every series)
     * @return one forecast per series, in order
     */
    default List<Forecast> forecast(List<TimeSeries> histories, int horizon, ForecastConfig config) {
        List<Forecast> out = new ArrayList<>(histories.size());
        for (TimeSeries h : histories) {
            out.add(forecast(h, horizon, config));
        }
        return out;
    }
}
