package dev.tessera.core.generate;

import dev.tessera.core.TesseraException;

/**
 * The model produced a NaN or infinite logit, so no token can be drawn; generation stops here instead
 * of returning nothing or a wrong token. Usually the weights diverged in training.
 */
public final class NonFiniteLogitsException extends TesseraException {
    private static final long serialVersionUID = 1L;
    private final int step;
    private final int row;

    /**
     * Creates the exception.
     *
     * @param row the batch row
     * @param step the 0-based generation step (tokens generated before it)
     * @param id the first token id whose logit is not finite
     * @param value that logit
     */
    public NonFiniteLogitsException(int row, int step, int id, float value) {
        super("generation step " + step + (row > 0 ? " of prompt " + row : "") + ": the model's logit for token " + id
                + " is " + value + "; the model's weights or activations are not finite (a diverged model?)");
        this.step = step;
        this.row = row;
    }

    /** @return the 0-based generation step */
    public int step() {
        return step;
    }

    /** @return the batch row */
    public int row() {
        return row;
    }
}
