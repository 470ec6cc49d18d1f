package dev.tessera.core.modality;

import dev.tessera.core.token.Segment;

/**
 * Turns a {@link Segment} of local token ids back into an object of the modality.
 *
 * @param <T> the type of object this detokenizer produces
 */
public interface ModalityDetokenizer<T> {

    /**
     * Returns the name of the modality this detokenizer belongs to.
     *
     * @return the modality name
     */
    String modality();

    /**
     * Decodes one segment.
     *
     * @param segment a segment of this modality
     * @return the decoded object
     * @throws IllegalArgumentException if the segment belongs to another modality, holds an id
     *     outside the vocabulary, or cannot be decoded (the message says which token and where)
     */
    T decode(Segment segment);

    /**
     * A detokenizer from a function, which first checks that a segment is of this modality (the message names
     * both).
     *
     * @param modality the modality name
     * @param decode one segment of this modality to its object
     * @param <T> the object type
     * @return the detokenizer
     */
    static <T> ModalityDetokenizer<T> of(String modality, java.util.function.Function<Segment, T> decode) {
        java.util.Objects.requireNonNull(decode, "decode");
        return new ModalityDetokenizer<>() {
            @Override
            public String modality() {
                return modality;
            }

            @Override
            public T decode(Segment segment) {
                if (!segment.modality().equals(modality)) {
                    throw new IllegalArgumentException("segment of modality '" + segment.modality() + "' given to the '"
                            + modality + "' detokenizer");
                }
                return decode.apply(segment);
            }
        };
    }
}
