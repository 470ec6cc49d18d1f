/**
 * Forecast charts as PNG through JFreeChart: history, median and shaded quantile bands.
 *
 * @see dev.tessera.timeseries.plot.ForecastPlot
 */
package dev.tessera.timeseries.plot;
