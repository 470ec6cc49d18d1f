/**
 * Time-series tasks for joint (multi-task) training of one backbone through the core
 * {@link dev.tessera.core.task.Task} SPI: every task writes series as DISCRETE scale-and-bin tokens
 * of the modality {@code "series"} ({@link dev.tessera.timeseries.task.SeriesTokens}, 1024 local
 * ids) and text as UTF-8 bytes of the modality {@code "text"}, because the joint model has token
 * inputs only. {@link dev.tessera.timeseries.task.SeriesForecastTask} forecasts held-out synthetic
 * series, {@link dev.tessera.timeseries.task.SeriesToTextTask} describes a generated series in words
 * and {@link dev.tessera.timeseries.task.HintedForecastTask} forecasts from a text hint plus a series.
 */
package dev.tessera.timeseries.task;
