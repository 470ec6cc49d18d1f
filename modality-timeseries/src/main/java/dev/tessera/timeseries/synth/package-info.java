/**
 * Pre-training data without real series: KernelSynth-style Gaussian-process samples from random
 * kernel compositions, and TSMixup-style convex mixtures of (scaled) series.
 *
 * @see dev.tessera.timeseries.synth.KernelSynth
 * @see dev.tessera.timeseries.synth.TsMixup
 */
package dev.tessera.timeseries.synth;
