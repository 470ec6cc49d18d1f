package dev.tessera.core.generate;

import dev.tessera.core.token.VocabularyLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Autoregressive generation over a {@link DecodeEngine}: prefill, then one step per token through
 * the logits pipeline — constraints first (the head of the segment being written, in a framed
 * layout, and any the caller adds), then repetition penalty, temperature, top-k, top-p and min-p —
 * and a seeded draw (argmax when the temperature is 0). A NaN or +infinite logit from the model
 * stops generation with a {@link NonFiniteLogitsException} naming the step. {@link #generateGuided} adds
 * classifier-free guidance: each row also runs after an unconditional prompt, and tokens are drawn from the
 * conditional logits pushed away from the unconditional ones.
 *
 * <pre>{@code
 * // given: DecoderModel model, VocabularyLayout layout, int[] prompt
 * Generator gen = new Generator(new DjlDecodeEngine(model), layout);
 * GenerationResult r = gen.generate(prompt, SamplingConfig.sample(0.8, 42, 100).withTopP(0.95),
 *         List.of(), (row, id) -> System.out.print(" " + id));
 * }</pre>
 *
 * <p>Thread safety: a generator keeps no state between calls (each call opens its own decode session), so one generator may serve several threads when its engine can.
 */
public final class Generator {
    private final DecodeEngine engine;
    private final VocabularyLayout layout;

    /**
     * Creates a generator.
     *
     * @param engine the engine that computes logits
     * @param layout the vocabulary layout (a framed layout adds the head constraint), or null
     */
    public Generator(DecodeEngine engine, VocabularyLayout layout) {
        this.engine = engine;
        this.layout = layout;
        if (layout != null && layout.size() != engine.vocabSize()) {
            throw new IllegalArgumentException("layout has " + layout.size() + " ids but the model scores "
                    + engine.vocabSize());
        }
    }

    /** @return the engine */
    public DecodeEngine engine() {
        return engine;
    }

    /**
     * Generates one continuation.
     *
     * @param prompt global ids
     * @param config sampling settings
     * @param constraints extra processors run before the sampling filters (may be empty)
     * @param listener streaming callback, or {@code null}
     * @return the result
     */
    public GenerationResult generate(int[] prompt, SamplingConfig config, List<LogitsProcessor> constraints,
            TokenListener listener) {
        return generateBatch(List.of(prompt), config, constraints, listener).get(0);
    }

    /**
     * Generates continuations of several prompts in one batch (left-padded, so they may differ in
     * length). Row {@code b} samples with seed {@code config.seed() + b}.
     *
     * @param prompts global ids per row
     * @param config sampling settings
     * @param constraints extra processors run before the sampling filters
     * @param listener streaming callback, or {@code null}
     * @return one result per prompt, in order
     * @throws PromptTooLongException if a prompt does not fit and the policy is REJECT
     */
    public List<GenerationResult> generateBatch(List<int[]> prompts, SamplingConfig config,
            List<LogitsProcessor> constraints, TokenListener listener) {
        return run(fit(prompts, config, "prompt"), null, 1, config, constraints, listener);
    }

    /**
     * Generates with classifier-free guidance: every row runs twice, once after its prompt and once after an
     * unconditional prompt (the same continuation without the condition, e.g. {@code BOS BEGIN:image} instead
     * of a caption and {@code BEGIN:image}), and each token is drawn from
     * {@code u + guidance * (c - u)} — the conditional logits {@code c} pushed away from the unconditional
     * {@code u} — before the constraints and sampling filters. Both copies of a row are fed the token drawn.
     * {@code guidance} 1 gives exactly {@link #generateBatch}'s tokens (at twice the cost); above 1 the output
     * follows its condition more closely and varies less (VL-GPT, LlamaGen). The model must have been trained on
     * unconditional sequences too; a model that never saw one gives meaningless {@code u}.
     *
     * @param prompts global ids per row, with the condition
     * @param unconditional global ids per row, without it (one per prompt)
     * @param guidance the guidance scale, finite and {@code >= 0} (0 = unconditional, 1 = plain conditional)
     * @param config sampling settings; the context may not slide (the two copies would lose different parts)
     * @param constraints extra processors run on the guided logits, before the sampling filters
     * @param listener streaming callback for the guided rows, or {@code null}
     * @return one result per prompt, in order
     * @throws IllegalArgumentException if the lists differ in size, the scale is out of range, or the overflow
     *     policy is {@link SamplingConfig.OverflowPolicy#SLIDE}
     * @throws PromptTooLongException if a prompt does not fit and the policy is REJECT
     */
    public List<GenerationResult> generateGuided(List<int[]> prompts, List<int[]> unconditional, double guidance,
            SamplingConfig config, List<LogitsProcessor> constraints, TokenListener listener) {
        if (unconditional.size() != prompts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + unconditional.size()
                    + " unconditional prompts: give one each");
        }
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance (" + guidance + ") must be finite and >= 0");
        }
        if (config.overflowPolicy() == SamplingConfig.OverflowPolicy.SLIDE) {
            throw new IllegalArgumentException("guided generation cannot slide the context (the conditional and "
                    + "unconditional copies would keep different tokens): use OverflowPolicy.STOP");
        }
        return run(fit(prompts, config, "prompt"), fit(unconditional, config, "unconditional prompt"), guidance,
                config, constraints, listener);
    }

    /** Checks the ids of every prompt and cuts the ones too long for the context (or rejects them). */
    private int[][] fit(List<int[]> prompts, SamplingConfig config, String what) {
        int batch = prompts.size();
        if (batch == 0) {
            throw new IllegalArgumentException("no prompts");
        }
        int ctx = engine.contextLength();
        int[][] seqs = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int[] p = prompts.get(b);
            if (p.length == 0) {
                throw new IllegalArgumentException(what + " " + b + " is empty; start it with at least one token (e.g. BOS)");
            }
            for (int i = 0; i < p.length; i++) {
                if (p[i] < 0 || p[i] >= engine.vocabSize()) {
                    throw new dev.tessera.core.token.UnknownTokenException(p[i], i, what + " " + b + ", vocabulary of "
                            + engine.vocabSize());
                }
            }
            if (p.length > ctx) {
                if (config.promptPolicy() == SamplingConfig.PromptPolicy.REJECT) {
                    throw new PromptTooLongException(p.length, ctx, b);
                }
                int keep = Math.max(1, ctx - Math.min(config.maxNewTokens(), ctx / 2));
                p = Arrays.copyOfRange(p, p.length - keep, p.length);
            }
            seqs[b] = p;
        }
        return seqs;
    }

    /**
     * The decode loop. With {@code uncond} non-null the session holds {@code 2 * batch} rows (the unconditional
     * copies after the conditional ones) and row {@code b} samples from the guided mix of rows {@code b} and
     * {@code batch + b}.
     */
    private List<GenerationResult> run(int[][] seqs, int[][] uncond, double guidance, SamplingConfig config,
            List<LogitsProcessor> constraints, TokenListener listener) {
        int batch = seqs.length;
        int ctx = engine.contextLength();
        int rows = uncond == null ? batch : 2 * batch;
        int[][] all = seqs;
        if (uncond != null) {
            all = Arrays.copyOf(seqs, rows);
            System.arraycopy(uncond, 0, all, batch, batch);
        }
        TokenSampler[] samplers = new TokenSampler[batch];
        for (int b = 0; b < batch; b++) {
            samplers[b] = new TokenSampler(layout, seqs[b], config, constraints, config.seed() + b);
        }
        long t0 = System.nanoTime();
        DecodeEngine.Session session = engine.open(rows);
        long prefillNanos;
        try {
            float[][] logits = prefill(session, all);
            prefillNanos = System.nanoTime() - t0;
            int[] next = new int[rows];
            float[] mixed = uncond == null ? null : new float[engine.vocabSize()];
            while (true) {
                boolean anyActive = false;
                for (int b = 0; b < batch; b++) {
                    if (samplers[b].finished()) {
                        continue;
                    }
                    requireFinite(logits[b], b, samplers[b].count());
                    float[] row = logits[b];
                    if (uncond != null) {
                        requireFinite(logits[batch + b], batch + b, samplers[b].count());
                        row = guide(logits[b], logits[batch + b], guidance, mixed);
                    }
                    int id = samplers[b].next(row);
                    if (id < 0) {
                        continue;
                    }
                    next[b] = id;
                    if (uncond != null) {
                        next[batch + b] = id;
                    }
                    if (listener != null) {
                        listener.onToken(b, id);
                    }
                    anyActive |= !samplers[b].finished();
                }
                if (!anyActive) {
                    break;
                }
                if (session.position() < ctx) {
                    logits = session.decode(next);
                } else if (config.overflowPolicy() == SamplingConfig.OverflowPolicy.STOP) {
                    for (TokenSampler s : samplers) {
                        s.finish(FinishReason.CONTEXT_FULL);
                    }
                    break;
                } else {
                    // SLIDE (never guided): keep the last half of the context and read it into a fresh cache
                    int keep = Math.max(1, ctx / 2);
                    int[][] tails = new int[batch][];
                    for (int b = 0; b < batch; b++) {
                        int[] ids = samplers[b].ids();
                        tails[b] = Arrays.copyOfRange(ids, Math.max(0, ids.length - keep), ids.length);
                    }
                    session.close();
                    session = engine.open(batch);
                    logits = prefill(session, tails);
                }
            }
        } finally {
            session.close();
        }
        long decodeNanos = System.nanoTime() - t0 - prefillNanos;
        List<GenerationResult> res = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            res.add(new GenerationResult(samplers[b].tokens(), samplers[b].finishReason(), seqs[b].length, prefillNanos,
                    decodeNanos));
        }
        return res;
    }

    /**
     * {@code u + s (c - u)} into {@code out}; a token either side rules out (-infinity) stays ruled out.
     * {@code s == 1} returns {@code c} itself, so plain and guided-at-1 generation draw the same tokens.
     */
    static float[] guide(float[] c, float[] u, double s, float[] out) {
        if (s == 1) {
            return c;
        }
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i] == Float.NEGATIVE_INFINITY || u[i] == Float.NEGATIVE_INFINITY ? Float.NEGATIVE_INFINITY
                    : (float) (u[i] + s * (c[i] - u[i]));
        }
        return out;
    }

    private static float[][] prefill(DecodeEngine.Session session, int[][] seqs) {
        int max = 0;
        for (int[] s : seqs) {
            max = Math.max(max, s.length);
        }
        int[][] padded = new int[seqs.length][max];
        int[] pads = new int[seqs.length];
        for (int b = 0; b < seqs.length; b++) {
            pads[b] = max - seqs[b].length;
            System.arraycopy(seqs[b], 0, padded[b], pads[b], seqs[b].length);
            for (int i = 0; i < pads[b]; i++) {
                padded[b][i] = seqs[b][0];
            }
        }
        return session.prefill(padded, pads);
    }

    /**
     * Stops at the first NaN or +infinite logit the model produced, naming the step (-infinity is an
     * engine's way to rule a token out, and stays allowed).
     */
    private static void requireFinite(float[] logits, int row, int step) {
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i]) || logits[i] == Float.POSITIVE_INFINITY) {
                throw new NonFiniteLogitsException(row, step, i, logits[i]);
            }
        }
    }

    static int argmax(float[] l) {
        int best = -1;
        float bv = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < l.length; i++) {
            if (l[i] > bv) {
                bv = l[i];
                best = i;
            }
        }
        return best;
    }

    static int sample(float[] l, SplittableRandom rng) {
        double[] p = LogitsProcessors.softmax(l);
        double u = rng.nextDouble();
        double cum = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                cum += p[i];
                last = i;
                if (u < cum) {
                    return i;
                }
            }
        }
        return last;
    }
}
