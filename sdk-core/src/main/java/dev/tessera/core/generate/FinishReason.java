package dev.tessera.core.generate;

/** Why generation stopped. */
public enum FinishReason {
    /** {@code maxNewTokens} were generated. */
    MAX_TOKENS,
    /** A stop token was generated. */
    STOP_TOKEN,
    /** The context filled up under {@link SamplingConfig.OverflowPolicy#STOP}. */
    CONTEXT_FULL,
    /** A constraint left no token allowed. */
    NO_ALLOWED_TOKEN
}
