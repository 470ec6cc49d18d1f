package dev.tessera.text.modality;

import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.chars.ByteTokenizer;

/**
 * The shared byte-text modality: 256 local ids, one per UTF-8 byte, named {@value #NAME}. Every task that
 * writes text (captions, labels, series descriptions, SMILES, arithmetic) writes it in this one modality, so
 * a model trained on several tasks has one text vocabulary and one detokenizer in its bundle.
 *
 * <pre>{@code
 * int[] ids = ByteText.encode("a cat");          // local ids 0..255
 * String back = ByteText.decode(ids);             // "a cat"
 * TextModality text = ByteText.modality();      // what a task returns from modalities()
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ByteText {
    /** The modality's name in every layout. */
    public static final String NAME = "text";
    /** Its local vocabulary: one id per byte value. */
    public static final int VOCABULARY = 256;

    private static final ByteTokenizer TOKENIZER = new ByteTokenizer(SurrogatePolicy.REJECT);
    private static final TextModality MODALITY = TextModality.of(NAME, TOKENIZER);

    private ByteText() { }

    /** @return the modality (tokenizer, detokenizer and saved state), the same instance every call */
    public static TextModality modality() {
        return MODALITY;
    }

    /**
     * Encodes a text as local ids.
     *
     * @param text the text
     * @return one id in [0, 256) per UTF-8 byte
     * @throws MalformedTextException if the text holds a lone surrogate (the message gives its index)
     */
    public static int[] encode(String text) {
        return TOKENIZER.encode(text);
    }

    /**
     * Decodes local ids to text; bytes that are not valid UTF-8 become U+FFFD (so a generated caption that
     * is not valid UTF-8 matches no real caption instead of failing).
     *
     * @param ids local ids
     * @return the text
     * @throws dev.tessera.core.token.UnknownTokenException if an id is not a byte value (the message gives
     *     its position)
     */
    public static String decode(int[] ids) {
        return TOKENIZER.decode(ids);
    }
}
