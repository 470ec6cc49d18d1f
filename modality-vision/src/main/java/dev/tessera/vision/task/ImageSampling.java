package dev.tessera.vision.task;

import dev.tessera.core.generate.SamplingConfig;

/**
 * How image codes are drawn.
 *
 * @param temperature softmax temperature (0 = greedy)
 * @param topK keep only the k most likely codes (0 = all)
 * @param seed the seed; row {@code b} of a batch draws with {@code seed + b}
 * @param guidance classifier-free guidance scale of text-to-image ({@link dev.tessera.core.generate.Generator#generateGuided}: 1 = off,
 *     above 1 the image follows its caption more closely); image completion without a caption ignores it
 */
public record ImageSampling(double temperature, int topK, long seed, double guidance) {
    /**
     * Sampling without guidance.
     *
     * @param temperature softmax temperature (0 = greedy)
     * @param topK keep only the k most likely codes (0 = all)
     * @param seed the seed
     */
    public ImageSampling(double temperature, int topK, long seed) {
        this(temperature, topK, seed, 1);
    }

    /** Validates the fields. */
    public ImageSampling {
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance (" + guidance + ") must be finite and >= 0 (1 = off)");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature (" + temperature + ") must be finite and >= 0");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK (" + topK + ") must be >= 0 (0 keeps every code)");
        }
    }

    /**
     * Returns a copy with another seed.
     *
     * @param s the seed
     * @return the copy
     */
    public ImageSampling withSeed(long s) {
        return new ImageSampling(temperature, topK, s, guidance);
    }

    /**
     * Returns a copy with another guidance scale.
     *
     * @param g the scale (1 = off)
     * @return the copy
     * @throws IllegalArgumentException if the scale is negative or not finite
     */
    public ImageSampling withGuidance(double g) {
        return new ImageSampling(temperature, topK, seed, g);
    }

    /**
     * The core sampling config for a given token budget.
     *
     * @param maxNewTokens the most tokens to generate
     * @return the config
     */
    public SamplingConfig toConfig(int maxNewTokens) {
        SamplingConfig c = temperature == 0 ? SamplingConfig.greedy(maxNewTokens)
                : SamplingConfig.sample(temperature, seed, maxNewTokens);
        return topK > 0 ? c.withTopK(topK) : c;
    }
}
