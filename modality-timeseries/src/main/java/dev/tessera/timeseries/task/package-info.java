/**
 * Time-series tasks for joint (multi-task) training of one backbone through the core
 * {@link dev.tessera.core.task.Task} SPI. All three read series as continuous patches of the modality
 * {@code "series_patch"} through one shared input adapter ({@link dev.tessera.timeseries.task.PatchSequences},
 * each a {@link dev.tessera.core.task.CustomLossTask}) and write text as UTF-8 bytes of the modality
 * {@code "text"}: {@link dev.tessera.timeseries.task.SeriesForecastTask} forecasts held-out synthetic
 * series with a quantile head, {@link dev.tessera.timeseries.task.HintedForecastTask} forecasts from a
 * text hint plus a short series with its own head, and {@link dev.tessera.timeseries.task.SeriesToTextTask}
 * describes a generated series in words.
 */
package dev.tessera.timeseries.task;
