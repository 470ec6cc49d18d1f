/**
 * Jazzer fuzz targets for the time-series readers: a series CSV and a {@code manifest.csv}.
 *
 * @see dev.tessera.core.fuzz.FuzzSupport
 */
package dev.tessera.timeseries.fuzz;
