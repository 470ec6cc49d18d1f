/**
 * The time-series modality as the core finds it: {@link dev.tessera.timeseries.modality.TimeSeriesModalityProvider}
 * restores the series modalities of a bundle, tokenized either Chronos-style (mean scaling and uniform bins,
 * {@code tokenize.ScaleBinModality}) or as instance-normalised patches (RevIN, {@code tokenize.PatchModality},
 * served as the continuous {@code task.SeriesPatchModality}). It is the top of the module's packages: no other
 * package uses it.
 *
 * @see dev.tessera.timeseries.tokenize.ScaleBinTokenizer
 * @see dev.tessera.timeseries.tokenize.PatchTokenizer
 * @see dev.tessera.timeseries.forecast.PatchForecaster
 */
package dev.tessera.timeseries.modality;
