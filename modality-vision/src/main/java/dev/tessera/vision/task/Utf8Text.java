package dev.tessera.vision.task;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text as the shared {@code "text"} modality: 256 local ids, one per UTF-8 byte, so captions and
 * labels of every task live in one vocabulary.
 */
public final class Utf8Text {
    /** The text modality's name in every layout. */
    public static final String MODALITY = "text";
    /** Local vocabulary size of the text modality (one id per byte value). */
    public static final int VOCABULARY = 256;

    private Utf8Text() {
    }

    /**
     * Encodes a text as local ids.
     *
     * @param text the text
     * @return one id in [0, 256) per UTF-8 byte
     */
    public static int[] encode(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = b[i] & 0xff;
        }
        return ids;
    }

    /**
     * Decodes local ids back to text.
     *
     * @param ids byte ids in [0, 256)
     * @return the text
     * @throws IllegalArgumentException if an id is out of range or the bytes are not valid UTF-8
     */
    public static String decode(int[] ids) {
        byte[] b = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= VOCABULARY) {
                throw new IllegalArgumentException("text id " + ids[i] + " at position " + i + " is not a byte (0..255)");
            }
            b[i] = (byte) ids[i];
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text ids are not valid UTF-8: " + e.getMessage(), e);
        }
    }
}
