/**
 * The time-series modality: series tokenized either Chronos-style (mean scaling and uniform bins)
 * or as instance-normalised patches (RevIN), both registered with the core through
 * {@link dev.tessera.timeseries.TimeSeriesModalityProvider}.
 *
 * @see dev.tessera.timeseries.tokenize.ScaleBinTokenizer
 * @see dev.tessera.timeseries.tokenize.PatchTokenizer
 * @see dev.tessera.timeseries.forecast.PatchForecaster
 */
package dev.tessera.timeseries;
