/**
 * Series values and how they are read: the {@link dev.tessera.timeseries.data.TimeSeries} value,
 * CSV loading through Tablesaw, and the benchmark manifest format with its train/test split.
 *
 * @see dev.tessera.timeseries.data.TimeSeriesCsv
 * @see dev.tessera.timeseries.data.SeriesManifest
 */
package dev.tessera.timeseries.data;
