package dev.tessera.core.generate;

/** A prompt that does not fit the model's context. */
public class PromptTooLongException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param length the prompt length
     * @param context the context length
     * @param row which prompt of a batch
     */
    public PromptTooLongException(int length, int context, int row) {
        super("prompt " + row + " has " + length + " tokens but the model's context is " + context
                + " tokens; shorten it, or pass PromptPolicy.KEEP_LAST to keep its last tokens");
    }
}
