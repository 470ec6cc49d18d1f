/**
 * End-to-end runs used by the command line and the demo: pre-train on KernelSynth, forecast
 * held-out synthetic and real series, score them and draw the forecasts.
 *
 * @see dev.tessera.timeseries.pipeline.ForecastDemo
 */
package dev.tessera.timeseries.pipeline;
