/**
 * Forecast accuracy: MASE, sMAPE, weighted quantile loss and a sample CRPS
 * ({@link dev.tessera.timeseries.eval.Metrics}); naive and seasonal-naive baselines
 * ({@link dev.tessera.timeseries.eval.Baselines}); and the Chronos-paper aggregation (per-series
 * ratio to seasonal naive, geometric mean over series) in
 * {@link dev.tessera.timeseries.eval.Benchmark}.
 */
package dev.tessera.timeseries.eval;
