package dev.tessera.core.generate;

/**
 * One step of the logits pipeline: reads the context and edits the logits in place (set a logit
 * to {@code Float.NEGATIVE_INFINITY} to forbid a token). Processors run in order; constraints
 * (allowed ids) come first, then penalties, temperature and filters.
 *
 * <pre>{@code
 * // forbid token 7 everywhere
 * LogitsProcessor no7 = (ctx, logits) -> logits[7] = Float.NEGATIVE_INFINITY;
 * }</pre>
 */
@FunctionalInterface
public interface LogitsProcessor {
    /**
     * Edits the logits of the next token.
     *
     * @param context the sequence so far
     * @param logits the logits over the global vocabulary, edited in place
     */
    void process(GenerationContext context, float[] logits);
}
