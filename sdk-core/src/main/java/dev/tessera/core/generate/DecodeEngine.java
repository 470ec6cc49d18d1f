package dev.tessera.core.generate;

/**
 * Runs a model for generation: reads prompts into a KV cache and returns next-token logits one
 * step at a time. {@link DjlDecodeEngine} runs the DJL backbone; other engines (e.g. a pure-JVM
 * one) implement the same contract and must give the same logits.
 */
public interface DecodeEngine {

    /** @return a short name ("djl", "jvm") */
    String name();

    /** @return the context length */
    int contextLength();

    /** @return the size of the logits vector */
    int vocabSize();

    /**
     * Opens a session for a batch of sequences.
     *
     * @param batch the number of sequences
     * @return the session; close it when done
     */
    Session open(int batch);

    /** A batch of sequences with their KV cache. */
    interface Session extends AutoCloseable {
        /**
         * Reads left-padded prompts into an empty cache.
         *
         * @param ids {@code ids[b]} all of one length; row b starts with {@code pads[b]} padding ids
         * @param pads padding length per row
         * @return the logits at each row's last position, {@code [batch][vocab]}
         */
        float[][] prefill(int[][] ids, int[] pads);

        /**
         * Appends one token per row and returns the next logits.
         *
         * @param ids one id per row
         * @return the logits, {@code [batch][vocab]}
         */
        float[][] decode(int[] ids);

        /** @return positions stored in the cache (padding included) */
        int position();

        @Override
        void close();
    }
}
