package dev.tessera.text;

/**
 * A tokenizer from text to ids in {@code [0, vocabularySize())} and back. Implementations are
 * immutable and thread-safe.
 *
 * @see dev.tessera.text.bpe.ByteLevelBpe
 * @see dev.tessera.text.chars.CharTokenizer
 */
public interface TextTokenizer {

    /** @return the number of ids this tokenizer can emit */
    int vocabularySize();

    /**
     * Encodes a text.
     *
     * @param text the text
     * @return the ids
     * @throws MalformedTextException if the text holds something this tokenizer cannot encode
     *     (the message gives the char index)
     */
    int[] encode(String text);

    /**
     * Returns the UTF-8 bytes a sequence of ids stands for.
     *
     * @param ids the ids
     * @return the bytes (possibly an incomplete UTF-8 sequence, e.g. in the middle of a stream)
     * @throws dev.tessera.core.token.UnknownTokenException if an id is outside the vocabulary
     */
    byte[] decodeBytes(int[] ids);

    /**
     * Decodes ids to text; bytes that are not valid UTF-8 become U+FFFD.
     *
     * @param ids the ids
     * @return the text
     * @throws dev.tessera.core.token.UnknownTokenException if an id is outside the vocabulary
     */
    default String decode(int[] ids) {
        return new String(decodeBytes(ids), java.nio.charset.StandardCharsets.UTF_8);
    }
}
