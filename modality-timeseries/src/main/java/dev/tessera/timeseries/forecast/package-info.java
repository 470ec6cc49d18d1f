/**
 * Probabilistic forecasting through the shared backbone: a patch model
 * ({@link dev.tessera.timeseries.forecast.PatchForecastModel}: RevIN patches, an input adapter
 * into {@link dev.tessera.core.model.DecoderModel}, a quantile head trained with the pinball
 * loss), its pre-training on KernelSynth / TSMixup data
 * ({@link dev.tessera.timeseries.forecast.PatchForecasterTrainer}) and the
 * {@link dev.tessera.timeseries.forecast.Forecaster} API that turns its quantiles into sample
 * paths, means, medians and any requested quantiles for any horizon.
 */
package dev.tessera.timeseries.forecast;
