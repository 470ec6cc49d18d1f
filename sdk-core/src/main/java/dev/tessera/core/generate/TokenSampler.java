package dev.tessera.core.generate;

import dev.tessera.core.token.VocabularyLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sampling state of one sequence: its ids so far, its logits pipeline (the head constraint of a
 * framed layout, the caller's constraints, then repetition penalty, temperature, top-k, top-p and
 * min-p), its own seeded random stream, the tokens it generated and why it stopped. {@link Generator}
 * keeps one per row; a batch decoder whose sequences join and leave between steps keeps one per
 * sequence, so every sequence samples with its own settings and seed.
 *
 * <p>Not thread-safe: one sampler belongs to one sequence, stepped by one thread at a time.
 */
public final class TokenSampler {
    private final SamplingConfig config;
    private final List<LogitsProcessor> chain;
    private final GenerationContext context;
    private final SplittableRandom rng;
    private int[] out;
    private int count;
    private FinishReason reason;

    /**
     * Creates the sampler of one sequence.
     *
     * @param layout the vocabulary layout (a framed layout adds the head constraint), or null
     * @param prompt the sequence's prompt (global ids)
     * @param config sampling settings
     * @param constraints extra processors run before the sampling filters (may be empty)
     * @param seed the seed of this sequence's random stream
     */
    public TokenSampler(VocabularyLayout layout, int[] prompt, SamplingConfig config,
            List<LogitsProcessor> constraints, long seed) {
        this.config = config;
        this.chain = processors(layout, config, constraints);
        this.context = new GenerationContext(layout, prompt);
        this.rng = new SplittableRandom(seed);
        this.out = new int[Math.min(config.maxNewTokens(), 64)];
    }

    private static List<LogitsProcessor> processors(VocabularyLayout layout, SamplingConfig config,
            List<LogitsProcessor> constraints) {
        List<LogitsProcessor> chain = new ArrayList<>();
        if (layout != null && layout.framed()) {
            chain.add(LogitsProcessors.headConstraint(layout));
        }
        chain.addAll(constraints);
        if (config.repetitionPenalty() > 1) {
            chain.add(LogitsProcessors.repetitionPenalty(config.repetitionPenalty()));
        }
        if (!config.greedy()) {
            if (config.temperature() != 1) {
                chain.add(LogitsProcessors.temperature(config.temperature()));
            }
            if (config.topK() > 0) {
                chain.add(LogitsProcessors.topK(config.topK()));
            }
            if (config.topP() < 1) {
                chain.add(LogitsProcessors.topP(config.topP()));
            }
            if (config.minP() > 0) {
                chain.add(LogitsProcessors.minP(config.minP()));
            }
        }
        return chain;
    }

    /**
     * Picks the next token: runs the pipeline over {@code logits} (in place), draws (argmax at
     * temperature 0), records the token and whether the sequence is now finished.
     *
     * @param logits the next-token logits of this sequence (modified)
     * @return the token, or -1 if no token was allowed (then the sequence is finished)
     * @throws IllegalStateException if the sequence is already finished
     */
    public int next(float[] logits) {
        if (reason != null) {
            throw new IllegalStateException("the sequence is finished (" + reason + ")");
        }
        for (LogitsProcessor p : chain) {
            p.process(context, logits);
        }
        int id = config.greedy() ? Generator.argmax(logits) : Generator.sample(logits, rng);
        if (id < 0) {
            reason = FinishReason.NO_ALLOWED_TOKEN;
            return -1;
        }
        if (count == out.length) {
            out = Arrays.copyOf(out, Math.min(config.maxNewTokens(), 2 * out.length));
        }
        out[count++] = id;
        context.append(id);
        if (config.isStop(id)) {
            reason = FinishReason.STOP_TOKEN;
        } else if (count == config.maxNewTokens()) {
            reason = FinishReason.MAX_TOKENS;
        }
        return id;
    }

    /**
     * Ends the sequence for a reason the caller decides (e.g. {@link FinishReason#CONTEXT_FULL}).
     *
     * @param why the reason
     */
    public void finish(FinishReason why) {
        if (reason == null) {
            reason = why;
        }
    }

    /** @return how many tokens the sequence has generated */
    public int count() {
        return count;
    }

    /** @return true once the sequence has stopped */
    public boolean finished() {
        return reason != null;
    }

    /** @return why the sequence stopped, or null while it runs */
    public FinishReason finishReason() {
        return reason;
    }

    /** @return the generated tokens so far (a copy) */
    public int[] tokens() {
        return Arrays.copyOf(out, count);
    }

    /** @return prompt and generated ids so far (a copy) */
    public int[] ids() {
        return context.ids();
    }
}
