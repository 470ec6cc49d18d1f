package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.synth.StructuredSynth;

/**
 * How the patch forecaster is trained.
 *
 * @param steps optimizer steps
 * @param batchSize windows per step
 * @param learningRate peak learning rate (warm-up 5%, cosine to a tenth, AdamW, clip 1.0)
 * @param syntheticSeries the number of KernelSynth series generated for the pool
 * @param syntheticLength the length of each KernelSynth series
 * @param realFraction the share of windows cut from the user's (real) training series
 * @param mixupFraction the share of windows that are TSMixup mixtures of the pool
 * @param seed seed of data generation, sampling and initialisation
 * @param structuredFraction the share of windows cut from fresh {@link StructuredSynth} series (trends,
 *     seasonal cycles, regime changes, intermittent demand, spikes, random walks), drawn per step from
 *     {@code (seed, step)}
 */
public record PretrainConfig(int steps, int batchSize, double learningRate, int syntheticSeries, int syntheticLength,
        double realFraction, double mixupFraction, long seed, double structuredFraction) {

    /** Validates the fields. */
    public PretrainConfig {
        if (steps < 1 || batchSize < 1) {
            throw new IllegalArgumentException("steps (" + steps + ") and batchSize (" + batchSize + ") must be >= 1");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate (" + learningRate + ") must be > 0");
        }
        if (syntheticSeries < 0 || syntheticLength < 16) {
            throw new IllegalArgumentException("syntheticSeries (" + syntheticSeries + ") must be >= 0 and "
                    + "syntheticLength (" + syntheticLength + ") >= 16");
        }
        if (realFraction < 0 || mixupFraction < 0 || structuredFraction < 0
                || realFraction + mixupFraction + structuredFraction > 1) {
            throw new IllegalArgumentException("realFraction (" + realFraction + "), mixupFraction ("
                    + mixupFraction + ") and structuredFraction (" + structuredFraction
                    + ") must be >= 0 with a sum <= 1");
        }
    }

    /**
     * A config without {@link StructuredSynth} windows.
     *
     * @param steps optimizer steps
     * @param batchSize windows per step
     * @param learningRate peak learning rate
     * @param syntheticSeries KernelSynth series in the pool
     * @param syntheticLength their length
     * @param realFraction the share of real windows
     * @param mixupFraction the share of TSMixup windows
     * @param seed the seed
     */
    public PretrainConfig(int steps, int batchSize, double learningRate, int syntheticSeries, int syntheticLength,
            double realFraction, double mixupFraction, long seed) {
        this(steps, batchSize, learningRate, syntheticSeries, syntheticLength, realFraction, mixupFraction, seed, 0);
    }

    /**
     * Returns a copy with another number of steps.
     *
     * @param n the steps
     * @return the new config
     */
    public PretrainConfig withSteps(int n) {
        return new PretrainConfig(n, batchSize, learningRate, syntheticSeries, syntheticLength, realFraction,
                mixupFraction, seed, structuredFraction);
    }

    /**
     * Returns a copy with other data shares.
     *
     * @param real the share of real windows
     * @param mixup the share of TSMixup windows
     * @return the new config
     */
    public PretrainConfig withFractions(double real, double mixup) {
        return new PretrainConfig(steps, batchSize, learningRate, syntheticSeries, syntheticLength, real, mixup, seed,
                structuredFraction);
    }
}
