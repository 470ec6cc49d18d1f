package dev.tessera.vision.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The character vocabulary of captions and class names (the text side of the vision tasks): one
 * local id per character seen in the training texts. Unknown characters are rejected with their
 * position.
 */
public final class CaptionAlphabet {
    private final String chars;

    /**
     * Creates an alphabet of the given characters (in order).
     *
     * @param chars distinct characters
     */
    public CaptionAlphabet(String chars) {
        if (chars.isEmpty() || chars.chars().distinct().count() != chars.length()) {
            throw new IllegalArgumentException("alphabet '" + chars + "' must be non-empty with distinct characters");
        }
        this.chars = chars;
    }

    /**
     * Builds the alphabet of a set of texts.
     *
     * @param texts the texts
     * @return the alphabet of their characters, sorted
     */
    public static CaptionAlphabet of(Collection<String> texts) {
        TreeSet<Character> set = new TreeSet<>();
        for (String t : texts) {
            for (char c : t.toCharArray()) {
                set.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        set.forEach(sb::append);
        return new CaptionAlphabet(sb.toString());
    }

    /** @return the characters, in id order */
    public String chars() {
        return chars;
    }

    /** @return the number of ids */
    public int size() {
        return chars.length();
    }

    /**
     * Encodes a text.
     *
     * @param text the text
     * @return one id per character
     * @throws IllegalArgumentException if a character is not in the alphabet (named with its position)
     */
    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            int id = chars.indexOf(text.charAt(i));
            if (id < 0) {
                throw new IllegalArgumentException("character '" + text.charAt(i) + "' at position " + i + " of '" + text
                        + "' is not in the caption alphabet '" + chars + "'");
            }
            ids[i] = id;
        }
        return ids;
    }

    /**
     * Decodes ids.
     *
     * @param ids local ids
     * @return the text
     */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= chars.length()) {
                throw new IllegalArgumentException("text id " + ids[i] + " at position " + i + " is outside [0, " + chars.length() + ")");
            }
            sb.append(chars.charAt(ids[i]));
        }
        return sb.toString();
    }

    /**
     * Returns the ids that may follow a prefix so that the text stays a prefix of one of the choices.
     *
     * @param choices the allowed complete texts
     * @param prefix what was generated so far
     * @return the allowed next ids, and whether ending here is allowed (as the last element, -1)
     */
    public List<Integer> allowedNext(List<String> choices, String prefix) {
        TreeSet<Integer> ids = new TreeSet<>();
        boolean canEnd = false;
        for (String c : choices) {
            if (c.equals(prefix)) {
                canEnd = true;
            } else if (c.startsWith(prefix)) {
                ids.add(chars.indexOf(c.charAt(prefix.length())));
            }
        }
        List<Integer> out = new ArrayList<>(ids);
        if (canEnd) {
            out.add(-1);
        }
        return out;
    }
}
