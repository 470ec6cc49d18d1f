package dev.tessera.pointcloud.task;

import java.nio.charset.StandardCharsets;

/** Captions as the shared {@code "text"} modality: 256 local ids, one per UTF-8 byte. */
public final class CaptionText {
    /** The text modality's name in every task. */
    public static final String MODALITY = "text";
    /** Its vocabulary: one id per byte value. */
    public static final int VOCABULARY = 256;

    private CaptionText() { }

    /**
     * Encodes a caption.
     *
     * @param caption the text
     * @return local ids, one per UTF-8 byte (0-255)
     */
    public static int[] encode(String caption) {
        byte[] b = caption.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }

    /**
     * Decodes byte ids (malformed UTF-8 becomes U+FFFD, which matches no caption).
     *
     * @param ids local ids
     * @return the text
     * @throws IllegalArgumentException if an id is not a byte value (the message gives its position)
     */
    public static String decode(int[] ids) {
        byte[] b = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > 255) {
                throw new IllegalArgumentException("text id " + ids[i] + " at position " + i + " is not a byte (0-255)");
            }
            b[i] = (byte) ids[i];
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
