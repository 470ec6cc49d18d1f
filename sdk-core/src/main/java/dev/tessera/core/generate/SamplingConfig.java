package dev.tessera.core.generate;

import java.util.Arrays;

/**
 * How to pick tokens. A temperature of 0 means greedy (argmax); otherwise logits are divided by
 * the temperature and filtered by top-k, top-p and min-p before a seeded categorical draw.
 *
 * @param temperature 0 for greedy, else &gt; 0 (1 = the model's distribution)
 * @param topK keep the k most likely tokens (0 = off)
 * @param topP keep the smallest set whose probability reaches p (1 = off), in (0, 1]
 * @param minP drop tokens less likely than minP times the most likely one (0 = off), in [0, 1)
 * @param repetitionPenalty divide positive / multiply negative logits of tokens already in the
 *     sequence by this (1 = off), &gt;= 1
 * @param seed the sampler's seed; the same seed gives the same tokens
 * @param maxNewTokens the most tokens to generate, &gt;= 1
 * @param stopTokens ids that end generation (included in the output)
 * @param promptPolicy what to do with a prompt longer than the context
 * @param overflowPolicy what to do when the context fills up during generation
 */
public record SamplingConfig(double temperature, int topK, double topP, double minP, double repetitionPenalty,
        long seed, int maxNewTokens, int[] stopTokens, PromptPolicy promptPolicy, OverflowPolicy overflowPolicy) {

    /** What happens to a prompt longer than the context. */
    public enum PromptPolicy {
        /** Throw {@link PromptTooLongException} (the default: never lose input silently). */
        REJECT,
        /** Keep the last tokens that fit, leaving room for {@code maxNewTokens} where possible. */
        KEEP_LAST
    }

    /** What happens when prompt plus generated tokens fill the context. */
    public enum OverflowPolicy {
        /** Stop with {@link FinishReason#CONTEXT_FULL}. */
        STOP,
        /** Keep the last half of the context, re-read it into an empty cache, and go on. */
        SLIDE
    }

    /** Validates the fields with messages that say how to fix them. */
    public SamplingConfig {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature (" + temperature
                    + ") must be a finite number >= 0; use 0 for greedy decoding");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK (" + topK + ") must be >= 0 (0 turns it off)");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP (" + topP + ") must be in (0, 1]; 1 turns it off");
        }
        if (!(minP >= 0 && minP < 1)) {
            throw new IllegalArgumentException("minP (" + minP + ") must be in [0, 1); 0 turns it off");
        }
        if (!(repetitionPenalty >= 1) || Double.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetitionPenalty (" + repetitionPenalty + ") must be >= 1; 1 turns it off");
        }
        if (maxNewTokens < 1 || maxNewTokens > MAX_NEW_TOKENS) {
            throw new IllegalArgumentException("maxNewTokens (" + maxNewTokens + ") must be between 1 and "
                    + MAX_NEW_TOKENS);
        }
        stopTokens = stopTokens == null ? new int[0] : stopTokens.clone();
        if (promptPolicy == null || overflowPolicy == null) {
            throw new IllegalArgumentException("promptPolicy and overflowPolicy must be given");
        }
    }

    /** Most tokens one generation may ask for. */
    public static final int MAX_NEW_TOKENS = 1 << 20;

    /**
     * Greedy decoding.
     *
     * @param maxNewTokens the most tokens to generate
     * @return the config
     */
    public static SamplingConfig greedy(int maxNewTokens) {
        return new SamplingConfig(0, 0, 1, 0, 1, 0, maxNewTokens, new int[0], PromptPolicy.REJECT, OverflowPolicy.STOP);
    }

    /**
     * Plain sampling at a temperature.
     *
     * @param temperature the temperature (&gt; 0)
     * @param seed the seed
     * @param maxNewTokens the most tokens to generate
     * @return the config
     */
    public static SamplingConfig sample(double temperature, long seed, int maxNewTokens) {
        return new SamplingConfig(temperature, 0, 1, 0, 1, seed, maxNewTokens, new int[0], PromptPolicy.REJECT,
                OverflowPolicy.STOP);
    }

    /** @return whether decoding is greedy */
    public boolean greedy() {
        return temperature == 0;
    }

    @Override
    public int[] stopTokens() {
        return stopTokens.clone();
    }

    /**
     * Tells whether an id stops generation.
     *
     * @param id a token id
     * @return {@code true} if it is a stop token
     */
    public boolean isStop(int id) {
        for (int s : stopTokens) {
            if (s == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns a copy with top-k.
     *
     * @param k the k
     * @return the new config
     */
    public SamplingConfig withTopK(int k) {
        return new SamplingConfig(temperature, k, topP, minP, repetitionPenalty, seed, maxNewTokens, stopTokens,
                promptPolicy, overflowPolicy);
    }

    /**
     * Returns a copy with top-p.
     *
     * @param p the p
     * @return the new config
     */
    public SamplingConfig withTopP(double p) {
        return new SamplingConfig(temperature, topK, p, minP, repetitionPenalty, seed, maxNewTokens, stopTokens,
                promptPolicy, overflowPolicy);
    }

    /**
     * Returns a copy with min-p.
     *
     * @param p the min-p
     * @return the new config
     */
    public SamplingConfig withMinP(double p) {
        return new SamplingConfig(temperature, topK, topP, p, repetitionPenalty, seed, maxNewTokens, stopTokens,
                promptPolicy, overflowPolicy);
    }

    /**
     * Returns a copy with a repetition penalty.
     *
     * @param r the penalty
     * @return the new config
     */
    public SamplingConfig withRepetitionPenalty(double r) {
        return new SamplingConfig(temperature, topK, topP, minP, r, seed, maxNewTokens, stopTokens, promptPolicy,
                overflowPolicy);
    }

    /**
     * Returns a copy with stop tokens.
     *
     * @param ids the stop ids
     * @return the new config
     */
    public SamplingConfig withStopTokens(int... ids) {
        return new SamplingConfig(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, ids,
                promptPolicy, overflowPolicy);
    }

    /**
     * Returns a copy with another seed.
     *
     * @param s the seed
     * @return the new config
     */
    public SamplingConfig withSeed(long s) {
        return new SamplingConfig(temperature, topK, topP, minP, repetitionPenalty, s, maxNewTokens, stopTokens,
                promptPolicy, overflowPolicy);
    }

    /**
     * Returns a copy with another token budget.
     *
     * @param n the most new tokens
     * @return the new config
     */
    public SamplingConfig withMaxNewTokens(int n) {
        return new SamplingConfig(temperature, topK, topP, minP, repetitionPenalty, seed, n, stopTokens, promptPolicy,
                overflowPolicy);
    }

    /**
     * Returns a copy with other context policies.
     *
     * @param prompt the prompt policy
     * @param overflow the overflow policy
     * @return the new config
     */
    public SamplingConfig withPolicies(PromptPolicy prompt, OverflowPolicy overflow) {
        return new SamplingConfig(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopTokens,
                prompt, overflow);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SamplingConfig)) {
            return false;
        }
        SamplingConfig c = (SamplingConfig) o;
        return temperature == c.temperature && topK == c.topK && topP == c.topP && minP == c.minP
                && repetitionPenalty == c.repetitionPenalty && seed == c.seed && maxNewTokens == c.maxNewTokens
                && Arrays.equals(stopTokens, c.stopTokens) && promptPolicy == c.promptPolicy
                && overflowPolicy == c.overflowPolicy;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(temperature) * 31 + Long.hashCode(seed) + Arrays.hashCode(stopTokens);
    }

    @Override
    public String toString() {
        return "SamplingConfig[temperature=" + temperature + ", topK=" + topK + ", topP=" + topP + ", minP=" + minP
                + ", repetitionPenalty=" + repetitionPenalty + ", seed=" + seed + ", maxNewTokens=" + maxNewTokens
                + ", stopTokens=" + Arrays.toString(stopTokens) + ", " + promptPolicy + ", " + overflowPolicy + "]";
    }
}
