package dev.tessera.text.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenisation rule as a hand-written scanner over code points.
 *
 * <p>It splits text exactly as the regular expression {@link #REGEX} does when compiled with
 * {@link Pattern#UNICODE_CHARACTER_CLASS} (so {@code \s} is Unicode {@code White_Space}),
 * which is what GPT-2, Hugging Face's {@code ByteLevel} pre-tokenizer and jtokkit's
 * {@code r50k_base} use: English contractions, an optional space followed by a run of letters,
 * of numbers or of other symbols, and whitespace runs (a run followed by a non-space leaves its
 * last character to the next piece). The scanner gives the same pieces without the regex
 * engine's backtracking and allocation; {@code Gpt2PreTokenizerTest} checks it against
 * {@link #PATTERN} character class by character class and on real text.
 *
 * <p>A lone surrogate is treated as the regex treats it: a code point of its own that is neither
 * letter, number nor space.
 */
public final class Gpt2PreTokenizer {
    /** The rule as a regular expression (for documentation and equivalence tests). */
    public static final String REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    /** {@link #REGEX} compiled with Unicode character classes. */
    public static final Pattern PATTERN = Pattern.compile(REGEX, Pattern.UNICODE_CHARACTER_CLASS);

    static final byte OTHER = 0;
    static final byte LETTER = 1;
    static final byte NUMBER = 2;
    static final byte SPACE = 3;
    private static final byte[] BMP_CLASS = new byte[0x10000];

    static {
        for (int c = 0; c < 0x10000; c++) {
            BMP_CLASS[c] = classify(c);
        }
    }

    private Gpt2PreTokenizer() { }

    static byte classify(int cp) {
        int t = Character.getType(cp);
        switch (t) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
                return LETTER;
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return NUMBER;
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return SPACE;
            default:
                return (cp >= 0x9 && cp <= 0xD) || cp == 0x85 ? SPACE : OTHER;
        }
    }

    /**
     * Returns the class of a code point: 0 other, 1 letter, 2 number, 3 white space.
     *
     * @param cp a code point
     * @return its class
     */
    static int classOf(int cp) {
        return cp < 0x10000 ? BMP_CLASS[cp] : classify(cp);
    }

    /**
     * Returns where the piece that starts at {@code start} ends.
     *
     * @param s the text
     * @param start the start of the piece, {@code < end}
     * @param end the end of the text window (pieces never cross it)
     * @return the exclusive end of the piece, {@code > start}
     */
    public static int pieceEnd(CharSequence s, int start, int end) {
        char c = s.charAt(start);
        if (c == '\'' && start + 1 < end) {
            char d = s.charAt(start + 1);
            if (d == 's' || d == 't' || d == 'm' || d == 'd') {
                return start + 2;
            }
            if (start + 2 < end) {
                char e = s.charAt(start + 2);
                if ((e == 'e' && (d == 'r' || d == 'v')) || (d == 'l' && e == 'l')) {
                    return start + 3;
                }
            }
        }
        if (c == ' ' && start + 1 < end) {
            int next = classAt(s, start + 1, end);
            if (next != SPACE) {
                return runEnd(s, start + 1, end, next);
            }
        }
        int cls = classAt(s, start, end);
        if (cls != SPACE) {
            return runEnd(s, start, end, cls);
        }
        int j = runEnd(s, start, end, SPACE);
        if (j < end && j - start >= 2) {
            return j - 1; // \s+(?!\S): leave the last space to the next piece
        }
        return j;
    }

    private static int classAt(CharSequence s, int i, int end) {
        char c = s.charAt(i);
        if (c < 0xD800 || c > 0xDFFF) {
            return BMP_CLASS[c];
        }
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
            return classify(Character.toCodePoint(c, s.charAt(i + 1)));
        }
        return OTHER;
    }

    private static int runEnd(CharSequence s, int i, int end, int cls) {
        while (i < end) {
            char c = s.charAt(i);
            if (c < 0xD800 || c > 0xDFFF) {
                if (BMP_CLASS[c] != cls) {
                    return i;
                }
                i++;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (classify(Character.toCodePoint(c, s.charAt(i + 1))) != cls) {
                    return i;
                }
                i += 2;
            } else {
                if (cls != OTHER) {
                    return i;
                }
                i++;
            }
        }
        return i;
    }

    /**
     * Splits a text into pieces.
     *
     * @param text the text
     * @return the pieces, in order; their concatenation is {@code text}
     */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int j = pieceEnd(text, i, text.length());
            out.add(text.substring(i, j));
            i = j;
        }
        return out;
    }

    /**
     * Splits a text with {@link #PATTERN} (the slow reference the scanner must agree with).
     *
     * @param text the text
     * @return the pieces the regular expression finds
     */
    public static List<String> splitWithRegex(String text) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = PATTERN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
