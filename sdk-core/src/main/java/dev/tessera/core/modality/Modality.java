package dev.tessera.core.modality;

import java.io.IOException;

/**
 * One kind of data the backbone can read and write: a tokenizer, its detokenizer and the state
 * both need (vocabulary, codebook, bins...), which is saved inside the model bundle.
 *
 * <pre>{@code
 * public final class ReverseText implements Modality<String> {
 *     public String name() { return "reverse"; }
 *     public Class<String> type() { return String.class; }
 *     public ModalityTokenizer<String> tokenizer() { ... }
 *     public ModalityDetokenizer<String> detokenizer() { ... }
 *     public String providerName() { return "reverse"; }
 *     public void save(ModalityState state) { state.putJson("config.json", config); }
 * }
 * }</pre>
 *
 * @param <T> the type of object this modality reads and writes
 */
public interface Modality<T> {

    /**
     * Returns the modality name used in the vocabulary layout ({@code [a-z][a-z0-9_-]*}).
     *
     * @return the name
     */
    String name();

    /**
     * Returns the Java type of the objects this modality reads and writes.
     *
     * @return the object type
     */
    Class<T> type();

    /**
     * Returns the tokenizer.
     *
     * @return the tokenizer, never {@code null}
     */
    ModalityTokenizer<T> tokenizer();

    /**
     * Returns the detokenizer.
     *
     * @return the detokenizer, never {@code null}
     */
    ModalityDetokenizer<T> detokenizer();

    /**
     * Returns the local vocabulary size (the tokenizer's).
     *
     * @return the vocabulary size
     */
    default int vocabularySize() {
        return tokenizer().vocabularySize();
    }

    /**
     * Returns the name of the {@link ModalityProvider} that can restore this modality from its
     * saved state.
     *
     * @return the provider name
     */
    String providerName();

    /**
     * Writes everything needed to rebuild this modality into {@code state}.
     *
     * @param state where to write named entries
     * @throws IOException if an entry cannot be written
     */
    void save(ModalityState state) throws IOException;
}
