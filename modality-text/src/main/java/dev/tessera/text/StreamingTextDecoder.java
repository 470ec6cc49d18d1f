package dev.tessera.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns ids arriving one at a time (during generation) into text, holding back the bytes of a
 * UTF-8 sequence that a token has only begun (a byte-level token may end in the middle of a
 * character, e.g. the first two bytes of an emoji). Text is released as soon as it is complete;
 * bytes that can never become valid UTF-8 are released as U+FFFD. Not thread-safe.
 *
 * <pre>{@code
 * // given: TextTokenizer tokenizer, int[] generatedIds
 * StreamingTextDecoder d = new StreamingTextDecoder(tokenizer);
 * for (int id : generatedIds) System.out.print(d.push(id));
 * System.out.print(d.finish());
 * }</pre>
 */
public final class StreamingTextDecoder {
    private final TextTokenizer tokenizer;
    private byte[] pending = new byte[16];
    private int n;

    /**
     * Creates a decoder.
     *
     * @param tokenizer the tokenizer whose ids will be pushed
     */
    public StreamingTextDecoder(TextTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Adds one id and returns the text it completes.
     *
     * @param id the next id
     * @return the newly complete text (possibly empty)
     */
    public String push(int id) {
        byte[] b = tokenizer.decodeBytes(new int[] {id});
        if (n + b.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, n + b.length));
        }
        System.arraycopy(b, 0, pending, n, b.length);
        n += b.length;
        int ready = Utf8.decodablePrefix(pending, n);
        if (ready == 0) {
            return "";
        }
        String out = new String(pending, 0, ready, StandardCharsets.UTF_8);
        System.arraycopy(pending, ready, pending, 0, n - ready);
        n -= ready;
        return out;
    }

    /** @return how many bytes are held back */
    public int pendingBytes() {
        return n;
    }

    /**
     * Ends the stream: returns what is held back (an incomplete sequence becomes U+FFFD).
     *
     * @return the remaining text
     */
    public String finish() {
        String out = new String(pending, 0, n, StandardCharsets.UTF_8);
        n = 0;
        return out;
    }
}
