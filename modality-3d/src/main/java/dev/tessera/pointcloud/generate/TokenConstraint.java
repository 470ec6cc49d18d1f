package dev.tessera.pointcloud.generate;

/**
 * A per-row constraint on the next token of a generation: it removes (sets to negative infinity)
 * the logits of every id that is not allowed, so a forbidden token has probability zero and is
 * never sampled. Mirrors the logits-processor idea of the core generator for one batch row.
 */
public interface TokenConstraint {

    /**
     * Masks the logits of the next token.
     *
     * @param logits global-vocabulary logits of this row, modified in place
     */
    void apply(float[] logits);

    /**
     * Records the token that was chosen.
     *
     * @param globalId the sampled global id
     * @throws IllegalArgumentException if the id was not allowed
     */
    void accept(int globalId);

    /** @return whether the row's segment is finished (its END token was accepted) */
    boolean finished();
}
