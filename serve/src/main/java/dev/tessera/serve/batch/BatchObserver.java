package dev.tessera.serve.batch;

/** What the batcher reports as it runs (metrics); called on its thread, so it must be quick. */
public interface BatchObserver {
    /** Reports nothing. */
    BatchObserver NONE = new BatchObserver() { };

    /**
     * One batched step ran.
     *
     * @param sequences how many sequences it advanced
     * @param tokens tokens it produced
     * @param nanos how long it took
     */
    default void onStep(int sequences, int tokens, long nanos) { }

    /**
     * A generation produced its first token.
     *
     * @param nanosSinceSubmit time from submission to that token (queueing and prompt reading included)
     */
    default void onFirstToken(long nanosSinceSubmit) { }

    /**
     * A generation ended (finished, failed or cancelled).
     *
     * @param nanosSinceSubmit time from submission
     */
    default void onDone(long nanosSinceSubmit) { }
}
