package dev.tessera.text;

/** Small UTF-8 helpers: validation and finding where a possibly cut-off sequence ends. */
public final class Utf8 {
    private Utf8() { }

    /**
     * Returns the offset of the first byte that does not start or continue a well-formed UTF-8
     * sequence, or -1 if {@code b[from, to)} is well-formed.
     *
     * @param b the bytes
     * @param from the first byte
     * @param to the end (exclusive)
     * @return the offending offset, or -1
     */
    public static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int n = sequenceLength(b, i, to);
            if (n <= 0) {
                return i;
            }
            i += n;
        }
        return -1;
    }

    /**
     * Returns the length of the well-formed sequence at {@code i}: 1..4; 0 if the bytes end before
     * the sequence is complete (but what is there is a valid start); -1 if the bytes are invalid.
     */
    static int sequenceLength(byte[] b, int i, int to) {
        int c = b[i] & 0xFF;
        int n;
        int min;
        if (c < 0x80) {
            return 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        int cp = c & (0x7F >> n);
        for (int k = 1; k < n; k++) {
            if (i + k >= to) {
                return partialIsValid(cp, k, n, min) ? 0 : -1;
            }
            int d = b[i + k] & 0xFF;
            if ((d & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (d & 0x3F);
            if (!partialIsValid(cp, k + 1, n, min)) {
                return -1;
            }
        }
        return n;
    }

    /** Whether a prefix of k bytes (value so far cp) of an n-byte sequence can still be valid. */
    private static boolean partialIsValid(int cp, int k, int n, int min) {
        int shift = 6 * (n - k);
        int lo = cp << shift;
        int hi = lo | ((1 << shift) - 1);
        if (hi < min || lo > 0x10FFFF) {
            return false;
        }
        // the whole range is surrogates
        return !(lo >= 0xD800 && hi <= 0xDFFF);
    }

    /**
     * Returns how many leading bytes of {@code b[0, len)} can be decoded now: everything except a
     * trailing sequence that is valid so far but incomplete.
     *
     * @param b the bytes
     * @param len how many bytes are valid in {@code b}
     * @return the length of the decodable prefix
     */
    public static int decodablePrefix(byte[] b, int len) {
        int i = 0;
        while (i < len) {
            int n = sequenceLength(b, i, len);
            if (n == 0) {
                return i;
            }
            i += n < 0 ? 1 : n;
        }
        return len;
    }

    /**
     * Encodes text as UTF-8 under a lone-surrogate policy.
     *
     * @param s the text
     * @param policy what to do with a lone surrogate
     * @return the bytes
     * @throws MalformedTextException if the policy is {@code REJECT} and the text holds a lone surrogate
     */
    public static byte[] encode(CharSequence s, SurrogatePolicy policy) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else if (c < 0xD800 || c > 0xDFFF) {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else if (policy == SurrogatePolicy.REPLACE) {
                out.write(0xEF);
                out.write(0xBF);
                out.write(0xBD);
            } else {
                throw new MalformedTextException(String.format("lone surrogate U+%04X (not valid Unicode; "
                        + "choose SurrogatePolicy.REPLACE to encode it as U+FFFD)", (int) c), i);
            }
        }
        return out.toByteArray();
    }
}
