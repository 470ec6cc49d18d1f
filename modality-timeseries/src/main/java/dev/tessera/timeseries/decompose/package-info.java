/**
 * Optional TEMPO-style preprocessing: an STL-like split of a series into trend, seasonal and
 * residual parts with LOESS smoothing from Commons Math.
 *
 * @see dev.tessera.timeseries.decompose.StlDecomposer
 */
package dev.tessera.timeseries.decompose;
