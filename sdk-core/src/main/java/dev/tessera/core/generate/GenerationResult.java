package dev.tessera.core.generate;

/**
 * One generated continuation.
 *
 * @param tokens the generated ids (a stop token included), without the prompt
 * @param reason why generation stopped
 * @param promptTokens prompt length actually read (after any truncation)
 * @param prefillNanos time spent reading the prompt
 * @param decodeNanos time spent generating
 */
public record GenerationResult(int[] tokens, FinishReason reason, int promptTokens, long prefillNanos,
        long decodeNanos) {
    /** Copies the array. */
    public GenerationResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** @return generated tokens per second of decoding */
    public double tokensPerSecond() {
        return tokens.length / Math.max(1e-9, (prefillNanos + decodeNanos) / 1e9);
    }
}
