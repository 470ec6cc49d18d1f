package dev.tessera.timeseries.eval;

/**
 * The errors of one forecast of one series.
 *
 * @param series the series name
 * @param mase mean absolute scaled error (point = median)
 * @param smape sMAPE in percent (point = median)
 * @param wql weighted quantile loss over 0.1..0.9
 * @param crps sample CRPS, or NaN when the forecast has no sample paths
 */
public record SeriesScore(String series, double mase, double smape, double wql, double crps) { }
