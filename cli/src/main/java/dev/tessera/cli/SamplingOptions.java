package dev.tessera.cli;

import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.io.Limits;
import picocli.CommandLine.Option;

/**
 * The sampling flags every generating command takes ({@code generate}, {@code shape}, ...), checked in one
 * place with messages that name the flag, and turned into a {@link SamplingConfig}.
 */
public final class SamplingOptions {
    @Option(names = "--max-tokens", description = "Most tokens to generate (default: the command's).")
    Integer maxTokens;
    @Option(names = "--temperature", defaultValue = "0.8", description = "0 = greedy (default: ${DEFAULT-VALUE}).")
    double temperature;
    @Option(names = "--top-k", defaultValue = "0", description = "Keep the k likeliest tokens; 0 = off.")
    int topK;
    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass in (0, 1]; 1 = off.")
    double topP;
    @Option(names = "--min-p", defaultValue = "0", description = "Drop tokens below this fraction of the top "
            + "token's probability; 0 = off.")
    double minP;
    @Option(names = "--repetition-penalty", defaultValue = "1.0", description = "1 = off.")
    double repetitionPenalty;
    @Option(names = "--seed", description = "Random seed (default: the command's); the same seed gives the same "
            + "output.")
    Long seed;
    @Option(names = "--truncate-prompt", description = "Keep the end of a too-long prompt instead of failing.")
    boolean truncatePrompt;

    /**
     * Checks the flags and builds the sampling settings.
     *
     * @param defaultMaxTokens the command's default for {@code --max-tokens}
     * @param defaultSeed the command's default for {@code --seed}
     * @param overflow what happens when generation reaches the model's context (text slides on; a fixed-form
     *     output such as a shape stops)
     * @return the settings
     * @throws IllegalArgumentException naming the flag that is out of range
     */
    public SamplingConfig toConfig(int defaultMaxTokens, long defaultSeed, SamplingConfig.OverflowPolicy overflow) {
        int max = maxTokens == null ? defaultMaxTokens : maxTokens;
        Limits.argument(max, 1, SamplingConfig.MAX_NEW_TOKENS, "--max-tokens");
        Limits.argument(temperature, 0, 1e6, "--temperature");
        Limits.argument(topK, 0, Integer.MAX_VALUE, "--top-k");
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("--top-p is " + topP + "; it must be in (0, 1] (1 turns it off)");
        }
        if (!(minP >= 0 && minP < 1)) {
            throw new IllegalArgumentException("--min-p is " + minP + "; it must be in [0, 1) (0 turns it off)");
        }
        Limits.argument(repetitionPenalty, 1, 1e6, "--repetition-penalty");
        return new SamplingConfig(temperature, topK, topP, minP, repetitionPenalty, seed == null ? defaultSeed : seed,
                max, new int[0], truncatePrompt ? SamplingConfig.PromptPolicy.KEEP_LAST : SamplingConfig.PromptPolicy.REJECT,
                overflow);
    }
}
