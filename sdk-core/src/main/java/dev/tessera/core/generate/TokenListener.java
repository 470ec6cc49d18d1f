package dev.tessera.core.generate;

/** Streaming callback: called with every generated token as soon as it is chosen. */
@FunctionalInterface
public interface TokenListener {
    /**
     * Receives a token.
     *
     * @param row which sequence of the batch (0 for single generation)
     * @param id the token id
     */
    void onToken(int row, int id);
}
