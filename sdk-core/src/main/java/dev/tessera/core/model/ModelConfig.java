package dev.tessera.core.model;

import dev.tessera.core.io.Limits;

/**
 * Shape of a decoder-only backbone.
 *
 * @param architecture block style
 * @param vocabSize number of global token ids (input embedding rows and output logits)
 * @param contextLength the longest sequence the model attends over (positions 0..contextLength-1)
 * @param layers number of blocks
 * @param heads attention heads (query heads)
 * @param kvHeads key/value heads; divides {@code heads} (grouped-query attention when smaller;
 *     must equal {@code heads} for GPT-2)
 * @param dModel width of the residual stream; divisible by {@code heads}
 * @param ffHidden hidden width of the MLP (4*dModel for GPT-2; SwiGLU's inner width for MODERN)
 * @param normEps epsilon of LayerNorm / RMSNorm
 * @param ropeTheta base of the rotary frequencies (MODERN only)
 * @param tiedHead whether the output projection reuses the token embedding
 */
public record ModelConfig(Architecture architecture, int vocabSize, int contextLength, int layers, int heads,
        int kvHeads, int dModel, int ffHidden, float normEps, float ropeTheta, boolean tiedHead) {

    /** Validates the fields. */
    public ModelConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must be given (MODERN or GPT2)");
        }
        inRange("vocabSize", vocabSize, Limits.MAX_VOCABULARY);
        inRange("contextLength", contextLength, Limits.MAX_CONTEXT);
        inRange("layers", layers, MAX_LAYERS);
        inRange("heads", heads, MAX_WIDTH);
        inRange("kvHeads", kvHeads, MAX_WIDTH);
        inRange("dModel", dModel, MAX_WIDTH);
        inRange("ffHidden", ffHidden, 4 * MAX_WIDTH);
        if ((long) vocabSize * dModel > Limits.MAX_ELEMENTS || (long) dModel * ffHidden > Limits.MAX_ELEMENTS) {
            throw new IllegalArgumentException("vocabSize x dModel (" + vocabSize + " x " + dModel + ") and dModel x ffHidden ("
                    + dModel + " x " + ffHidden + ") must each be at most " + Limits.MAX_ELEMENTS + " weights");
        }
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide dModel (" + dModel + ")");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("kvHeads (" + kvHeads + ") must divide heads (" + heads + ")");
        }
        if (architecture == Architecture.GPT2 && kvHeads != heads) {
            throw new IllegalArgumentException("GPT2 blocks have no grouped KV heads: kvHeads (" + kvHeads
                    + ") must equal heads (" + heads + ")");
        }
        if (architecture == Architecture.MODERN && (dModel / heads) % 2 != 0) {
            throw new IllegalArgumentException("rotary positions need an even head size, got dModel/heads = "
                    + dModel / heads);
        }
        if (!(normEps > 0 && normEps <= MAX_NORM_EPS) || !(ropeTheta > 0 && ropeTheta <= MAX_ROPE_THETA)) {
            throw new IllegalArgumentException("normEps (" + normEps + ") must be in (0, " + MAX_NORM_EPS
                    + "] and ropeTheta (" + ropeTheta + ") in (0, " + MAX_ROPE_THETA + "]");
        }
    }

    /** Most blocks a config may have. */
    public static final int MAX_LAYERS = 1024;
    /** Widest residual stream (and most heads) a config may have; {@code ffHidden} may be 4 times this. */
    public static final int MAX_WIDTH = 1 << 14;
    /** Largest norm epsilon: beyond it the norm no longer normalises. */
    public static final float MAX_NORM_EPS = 0.1f;
    /** Largest rotary base. */
    public static final float MAX_ROPE_THETA = 1e9f;

    private static void inRange(String name, int v, int max) {
        if (v <= 0 || v > max) {
            throw new IllegalArgumentException(name + " (" + v + ") must be " + (v <= 0 ? "positive" : "at most " + max));
        }
    }

    /**
     * A GPT-2 style config (as {@code gpt_ref.py}: 4x MLP, LayerNorm eps 1e-5, tied head).
     *
     * @param vocabSize number of token ids
     * @param contextLength context length
     * @param layers number of blocks
     * @param heads attention heads
     * @param dModel residual width
     * @return the config
     */
    public static ModelConfig gpt2(int vocabSize, int contextLength, int layers, int heads, int dModel) {
        return new ModelConfig(Architecture.GPT2, vocabSize, contextLength, layers, heads, heads, dModel,
                4 * dModel, 1e-5f, 10000f, true);
    }

    /**
     * A modern config (RMSNorm, rotary, SwiGLU with about the parameters of a 4x MLP, untied head).
     *
     * @param vocabSize number of token ids
     * @param contextLength context length
     * @param layers number of blocks
     * @param heads attention heads
     * @param dModel residual width
     * @return the config
     */
    public static ModelConfig modern(int vocabSize, int contextLength, int layers, int heads, int dModel) {
        int ff = ((8 * dModel / 3) + 15) / 16 * 16;
        return new ModelConfig(Architecture.MODERN, vocabSize, contextLength, layers, heads, heads, dModel, ff,
                1e-5f, 10000f, false);
    }

    /** @return the size of one attention head */
    public int headSize() {
        return dModel / heads;
    }

    /**
     * Returns a copy with another vocabulary size.
     *
     * @param v the vocabulary size
     * @return the new config
     */
    public ModelConfig withVocabSize(int v) {
        return new ModelConfig(architecture, v, contextLength, layers, heads, kvHeads, dModel, ffHidden, normEps,
                ropeTheta, tiedHead);
    }

    /**
     * Returns a copy with another context length.
     *
     * @param c the context length
     * @return the new config
     */
    public ModelConfig withContextLength(int c) {
        return new ModelConfig(architecture, vocabSize, c, layers, heads, kvHeads, dModel, ffHidden, normEps,
                ropeTheta, tiedHead);
    }

    /**
     * Returns a copy with another number of KV heads.
     *
     * @param k the number of key/value heads
     * @return the new config
     */
    public ModelConfig withKvHeads(int k) {
        return new ModelConfig(architecture, vocabSize, contextLength, layers, heads, k, dModel, ffHidden, normEps,
                ropeTheta, tiedHead);
    }

    /**
     * Returns a copy with the head tied or untied.
     *
     * @param tied whether to tie the head to the embedding
     * @return the new config
     */
    public ModelConfig withTiedHead(boolean tied) {
        return new ModelConfig(architecture, vocabSize, contextLength, layers, heads, kvHeads, dModel, ffHidden,
                normEps, ropeTheta, tied);
    }
}
