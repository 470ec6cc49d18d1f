/**
 * The time-series commands ({@code tessera forecast}, {@code tessera forecast-eval}) and the
 * time-series part of {@code tessera demo}; the logic lives in {@code modality-timeseries}.
 */
package dev.tessera.samples.timeseries;
