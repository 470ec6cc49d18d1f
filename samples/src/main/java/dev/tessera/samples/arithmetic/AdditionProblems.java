package dev.tessera.samples.arithmetic;

import java.util.SplittableRandom;

/**
 * Generates addition problems {@code $a+b=rev(pad(a+b))$} over a fixed alphabet, with held-out
 * sets: a hash of the pair (a, b) puts it in the test set, the validation set (used to decide when
 * to stop) or the training set, so training never sees a test problem and the split does not
 * depend on sampling order.
 *
 * @param digits operand digits (each operand is uniform in [0, 10^digits))
 * @param heldOutPercent percent of all pairs in the test set, and again in the validation set (1..40)
 */
public record AdditionProblems(int digits, int heldOutPercent) {
    /** Characters of the task, in id order. */
    public static final String ALPHABET = "0123456789+=$";

    /** Validates the fields. */
    public AdditionProblems {
        if (digits < 1 || digits > 6) {
            throw new IllegalArgumentException("digits (" + digits + ") must be in 1..6");
        }
        if (heldOutPercent < 1 || heldOutPercent > 40) {
            throw new IllegalArgumentException("heldOutPercent (" + heldOutPercent + ") must be in 1..40");
        }
    }

    /** @return answer width: digits + 1 (room for the carry) */
    public int answerDigits() {
        return digits + 1;
    }

    /** @return the length of a full example {@code $a+b=ans$} in characters */
    public int exampleLength() {
        return 1 + digits + 1 + digits + 1 + answerDigits() + 1;
    }

    /** @return the length of the prompt {@code $a+b=} */
    public int promptLength() {
        return exampleLength() - answerDigits() - 1;
    }

    /** Which set a problem belongs to. */
    public enum Split { TRAIN, VALID, TEST }

    /**
     * Returns the set a pair belongs to.
     *
     * @param a first operand
     * @param b second operand
     * @return its split
     */
    public Split split(int a, int b) {
        long h = (a * 1_000_003L + b) * 0x9E3779B97F4A7C15L;
        long bucket = Math.floorMod(h >>> 17, 100L);
        return bucket < heldOutPercent ? Split.TEST : bucket < 2L * heldOutPercent ? Split.VALID : Split.TRAIN;
    }

    /**
     * Draws a pair from one split.
     *
     * @param rng the random source
     * @param split which set to draw from
     * @return {a, b}
     */
    public int[] draw(SplittableRandom rng, Split split) {
        int bound = (int) Math.pow(10, digits);
        while (true) {
            int a = rng.nextInt(bound);
            int b = rng.nextInt(bound);
            if (split(a, b) == split) {
                return new int[] {a, b};
            }
        }
    }

    /**
     * Writes the prompt {@code $a+b=} with operands zero-padded to {@code digits}.
     *
     * @param a first operand
     * @param b second operand
     * @return the prompt text
     */
    public String prompt(int a, int b) {
        String f = "%0" + digits + "d";
        return "$" + String.format(f, a) + "+" + String.format(f, b) + "=";
    }

    /**
     * Writes the answer: the sum zero-padded to {@link #answerDigits()} and reversed, then {@code $}.
     *
     * @param a first operand
     * @param b second operand
     * @return the answer text
     */
    public String answer(int a, int b) {
        String s = String.format("%0" + answerDigits() + "d", a + b);
        return new StringBuilder(s).reverse() + "$";
    }

    /**
     * Encodes text over {@link #ALPHABET}.
     *
     * @param text the text
     * @return ids
     * @throws IllegalArgumentException naming the first character outside the alphabet and its position
     */
    public static int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            int id = ALPHABET.indexOf(text.charAt(i));
            if (id < 0) {
                throw new IllegalArgumentException("character '" + text.charAt(i) + "' at position " + i
                        + " is not in the arithmetic alphabet \"" + ALPHABET + "\"");
            }
            ids[i] = id;
        }
        return ids;
    }

    /**
     * Decodes ids over {@link #ALPHABET}.
     *
     * @param ids the ids
     * @return the text
     */
    public static String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= ALPHABET.length()) {
                throw new IllegalArgumentException("id " + ids[i] + " at position " + i + " is not an arithmetic token");
            }
            sb.append(ALPHABET.charAt(ids[i]));
        }
        return sb.toString();
    }
}
