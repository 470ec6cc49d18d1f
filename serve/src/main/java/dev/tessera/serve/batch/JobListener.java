package dev.tessera.serve.batch;

/**
 * Receives what one generation writes. Called on the batcher's thread, so an implementation only hands the
 * events on (e.g. into a queue a request thread reads); it must not block.
 */
public interface JobListener {
    /**
     * New text, safe to send (no stop string can begin in it).
     *
     * @param piece the text
     */
    void onText(String piece);

    /**
     * The generation ended.
     *
     * @param completion its text, counts and reason
     */
    void onDone(Completion completion);

    /**
     * The generation failed (its prompt did not fit, or the engine failed).
     *
     * @param error what went wrong
     */
    void onError(RuntimeException error);
}
