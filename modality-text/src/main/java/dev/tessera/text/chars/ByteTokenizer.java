package dev.tessera.text.chars;

import dev.tessera.core.token.UnknownTokenException;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TextTokenizer;
import dev.tessera.text.Utf8;

/**
 * The simplest universal tokenizer: one id per UTF-8 byte (256 ids). Any valid text
 * round-trips; lone surrogates follow the {@link SurrogatePolicy}.
 */
public final class ByteTokenizer implements TextTokenizer {
    private final SurrogatePolicy surrogates;

    /**
     * Creates a byte tokenizer.
     *
     * @param surrogates what to do with lone surrogates
     */
    public ByteTokenizer(SurrogatePolicy surrogates) {
        this.surrogates = java.util.Objects.requireNonNull(surrogates, "surrogates");
    }

    /** @return the surrogate policy */
    public SurrogatePolicy surrogatePolicy() {
        return surrogates;
    }

    @Override
    public int vocabularySize() {
        return 256;
    }

    @Override
    public int[] encode(String text) {
        byte[] b = Utf8.encode(text, surrogates);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = b[i] & 0xFF;
        }
        return ids;
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        byte[] b = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > 255) {
                throw new UnknownTokenException(ids[i], i, "byte vocabulary of 256 ids");
            }
            b[i] = (byte) ids[i];
        }
        return b;
    }
}
