package dev.tessera.text.bpe;

/**
 * GPT-2's reversible map between the 256 byte values and 256 printable Unicode characters, so
 * that every byte string can be written as a visible token string (a space becomes {@code Ġ},
 * a newline {@code Ċ}).
 *
 * <p>The printable bytes {@code '!'..'~'}, {@code '¡'..'¬'} and {@code '®'..'ÿ'} map to the
 * character with the same code; the remaining 68 bytes map, in increasing byte order, to
 * {@code U+0100}, {@code U+0101}, ... This is the mapping of GPT-2's {@code bytes_to_unicode}
 * and of Hugging Face's {@code ByteLevel} pre-tokenizer.
 */
public final class ByteLevelAlphabet {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevelAlphabet() { }

    /**
     * Returns the character that stands for a byte.
     *
     * @param b the byte value, 0..255 (or a signed byte; only the low 8 bits are used)
     * @return its printable character
     */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /**
     * Returns the byte a character stands for.
     *
     * @param c a character
     * @return the byte value 0..255, or -1 if {@code c} is not in the alphabet
     */
    public static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /**
     * Writes bytes as a byte-level token string.
     *
     * @param bytes the bytes
     * @return one character per byte
     */
    public static String toTokenString(byte[] bytes) {
        char[] cs = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            cs[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(cs);
    }

    /**
     * Reads the bytes of a byte-level token string.
     *
     * @param token a token string
     * @return its bytes, or {@code null} if a character is outside the alphabet
     */
    public static byte[] toBytesOrNull(String token) {
        byte[] out = new byte[token.length()];
        for (int i = 0; i < out.length; i++) {
            int b = byteOf(token.charAt(i));
            if (b < 0) {
                return null;
            }
            out[i] = (byte) b;
        }
        return out;
    }
}
