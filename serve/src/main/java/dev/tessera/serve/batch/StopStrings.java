package dev.tessera.serve.batch;

import java.util.List;

/**
 * Finds a request's stop strings in the text as it grows, and says how much of the text is safe to send: text
 * that could still turn out to be the start of a stop string is held back until it can't.
 */
final class StopStrings {
    private final List<String> stops;

    StopStrings(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /**
     * @param text everything written so far
     * @param from where to start looking (text before it was already searched)
     * @return the index of the earliest stop string at or after {@code from}, or -1
     */
    int find(CharSequence text, int from) {
        int best = -1;
        String s = text.toString();
        for (String stop : stops) {
            int i = s.indexOf(stop, Math.max(0, from - stop.length() + 1));
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * @param text everything written so far (no stop string in it)
     * @return how many leading characters can be sent: all but a tail that begins some stop string
     */
    int safeLength(CharSequence text) {
        int hold = 0;
        for (String stop : stops) {
            for (int k = Math.min(stop.length() - 1, text.length()); k > hold; k--) {
                if (endsWith(text, stop, k)) {
                    hold = k;
                    break;
                }
            }
        }
        return text.length() - hold;
    }

    /** Whether the text ends with the first {@code k} characters of {@code stop}. */
    private static boolean endsWith(CharSequence text, String stop, int k) {
        int off = text.length() - k;
        for (int i = 0; i < k; i++) {
            if (text.charAt(off + i) != stop.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
