package dev.tessera.core.modality;

import dev.tessera.core.token.Segment;

/**
 * Turns one object of a modality into a {@link Segment} of local token ids in
 * {@code [0, vocabularySize())}.
 *
 * <p>A tokenizer is the input half of a modality; its twin {@link ModalityDetokenizer} is the
 * output half. Implementations must be thread-safe once built (encoding may run on several
 * threads) and must reject bad input with an exception that names what and where, never emit an
 * id outside the vocabulary.
 *
 * <pre>{@code
 * // given: Modality<String> text
 * ModalityTokenizer<String> tok = text.tokenizer();
 * Segment s = tok.encode("hello");          // s.modality() == "text"
 * int[] local = s.tokens();                 // local ids, each < tok.vocabularySize()
 * }</pre>
 *
 * @param <T> the type of object this tokenizer reads
 */
public interface ModalityTokenizer<T> {

    /**
     * Returns the name of the modality this tokenizer belongs to (e.g. {@code "text"}).
     *
     * @return the modality name
     */
    String modality();

    /**
     * Returns the number of local token ids this tokenizer can emit.
     *
     * @return the vocabulary size, at least 1
     */
    int vocabularySize();

    /**
     * Encodes one object.
     *
     * @param input the object to encode, never {@code null}
     * @return a segment of this modality with local ids
     * @throws IllegalArgumentException if the input cannot be encoded (the message says why)
     */
    Segment encode(T input);

    /**
     * A tokenizer from a function: what most modalities need (the encoding is theirs; the name and size are fixed).
     *
     * <pre>{@code
     * ModalityTokenizer<String> letters = ModalityTokenizer.of("letters", 26,
     *         s -> new Segment("letters", s.chars().map(c -> c - 'a').toArray()));
     * }</pre>
     *
     * @param modality the modality name
     * @param vocabularySize the local vocabulary size
     * @param encode one object to its segment (of this modality)
     * @param <T> the object type
     * @return the tokenizer
     */
    static <T> ModalityTokenizer<T> of(String modality, int vocabularySize, java.util.function.Function<T, Segment> encode) {
        java.util.Objects.requireNonNull(encode, "encode");
        return new ModalityTokenizer<>() {
            @Override
            public String modality() {
                return modality;
            }

            @Override
            public int vocabularySize() {
                return vocabularySize;
            }

            @Override
            public Segment encode(T input) {
                return encode.apply(java.util.Objects.requireNonNull(input, "input"));
            }
        };
    }
}
