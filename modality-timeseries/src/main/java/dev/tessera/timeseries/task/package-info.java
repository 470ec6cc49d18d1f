/**
 * Time-series tasks for joint (multi-task) training of one backbone through the core
 * {@link dev.tessera.core.task.Task} SPI. {@link dev.tessera.timeseries.task.SeriesForecastTask}
 * forecasts held-out synthetic series with continuous patches in and quantiles out (a
 * {@link dev.tessera.core.task.CustomLossTask}, modality {@code "series_patch"}); the tasks that mix
 * series with text generate series as discrete scale-and-bin tokens of the modality {@code "series"}
 * ({@link dev.tessera.timeseries.task.SeriesTokens}, 1024 local ids) and text as UTF-8 bytes of the
 * modality {@code "text"}: {@link dev.tessera.timeseries.task.SeriesToTextTask} describes a generated
 * series in words and {@link dev.tessera.timeseries.task.HintedForecastTask} forecasts from a text hint
 * plus a series.
 */
package dev.tessera.timeseries.task;
