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
}
