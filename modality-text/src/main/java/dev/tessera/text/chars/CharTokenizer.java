package dev.tessera.text.chars;

import dev.tessera.core.token.UnknownTokenException;
import dev.tessera.text.MalformedTextException;
import dev.tessera.text.TextTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A tokenizer over an explicit alphabet of Unicode code points: id {@code i} is the
 * {@code i}-th character of the alphabet. For tiny tasks (arithmetic, toy languages) where every
 * character is known in advance; a character outside the alphabet is an error with its position,
 * never a silent {@code <unk>}.
 *
 * <pre>{@code
 * CharTokenizer digits = CharTokenizer.of("0123456789+=$");
 * int[] ids = digits.encode("12+7=");      // [1, 2, 10, 7, 11]
 * }</pre>
 */
public final class CharTokenizer implements TextTokenizer {
    private final int[] alphabet;
    private final int[] asciiIds = new int[128];
    private final Map<Integer, Integer> otherIds = new HashMap<>();

    private CharTokenizer(int[] alphabet) {
        if (alphabet.length == 0) {
            throw new IllegalArgumentException("alphabet must not be empty");
        }
        this.alphabet = alphabet.clone();
        Arrays.fill(asciiIds, -1);
        for (int i = 0; i < alphabet.length; i++) {
            int cp = alphabet[i];
            if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw new IllegalArgumentException(String.format(
                        "alphabet[%d] = U+%04X is not a Unicode scalar value", i, cp));
            }
            boolean dup = cp < 128 ? asciiIds[cp] >= 0 : otherIds.containsKey(cp);
            if (dup) {
                throw new IllegalArgumentException(String.format("alphabet repeats '%s' (U+%04X) at index %d",
                        new String(Character.toChars(cp)), cp, i));
            }
            if (cp < 128) {
                asciiIds[cp] = i;
            } else {
                otherIds.put(cp, i);
            }
        }
    }

    /**
     * Makes a tokenizer whose alphabet is the characters of a string, in order.
     *
     * @param alphabet the characters (code points), each once
     * @return the tokenizer
     * @throws IllegalArgumentException if the string is empty, repeats a character or holds a lone surrogate
     */
    public static CharTokenizer of(String alphabet) {
        return new CharTokenizer(alphabet.codePoints().toArray());
    }

    /**
     * Makes a tokenizer whose alphabet is every distinct character of a corpus, sorted by code point.
     *
     * @param corpus the text
     * @return the tokenizer
     */
    public static CharTokenizer fromCorpus(String corpus) {
        return new CharTokenizer(corpus.codePoints().filter(cp -> cp < 0xD800 || cp > 0xDFFF).distinct().sorted().toArray());
    }

    /** @return the alphabet as a string */
    public String alphabet() {
        return new String(alphabet, 0, alphabet.length);
    }

    @Override
    public int vocabularySize() {
        return alphabet.length;
    }

    /**
     * Returns the id of a character.
     *
     * @param codePoint the character
     * @return its id, or -1 if it is not in the alphabet
     */
    public int id(int codePoint) {
        if (codePoint >= 0 && codePoint < 128) {
            return asciiIds[codePoint];
        }
        return otherIds.getOrDefault(codePoint, -1);
    }

    @Override
    public int[] encode(String text) {
        int[] out = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int id = id(cp);
            if (id < 0) {
                String shown = Character.isSurrogate((char) cp) ? "lone surrogate" : "'" + new String(Character.toChars(cp)) + "'";
                throw new MalformedTextException(String.format("character %s (U+%04X) is not in the alphabet of %d characters",
                        shown, cp, alphabet.length), i);
            }
            out[n++] = id;
            i += Character.charCount(cp);
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int i = 0; i < ids.length; i++) {
            sb.appendCodePoint(alphabet[check(ids[i], i)]);
        }
        return sb.toString();
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        return decode(ids).getBytes(StandardCharsets.UTF_8);
    }

    private int check(int id, int position) {
        if (id < 0 || id >= alphabet.length) {
            throw new UnknownTokenException(id, position, "character alphabet of " + alphabet.length + " ids");
        }
        return id;
    }
}
