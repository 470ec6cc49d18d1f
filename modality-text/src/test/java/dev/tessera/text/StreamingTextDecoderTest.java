package dev.tessera.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.text.chars.ByteTokenizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingTextDecoderTest {
    private final ByteTokenizer bytes = new ByteTokenizer(SurrogatePolicy.REJECT);

    @Test
    void push_byteByByte_releasesOnlyCompleteCharacters() {
        StreamingTextDecoder d = new StreamingTextDecoder(bytes);
        int[] ids = bytes.encode("a😀b");
        assertEquals("a", d.push(ids[0]));
        assertEquals("", d.push(ids[1]));
        assertEquals("", d.push(ids[2]));
        assertEquals("", d.push(ids[3]));
        assertEquals(3, d.pendingBytes());
        assertEquals("😀", d.push(ids[4]));
        assertEquals("b", d.push(ids[5]));
        assertEquals("", d.finish());
    }

    @Test
    void push_randomUnicode_concatenationEqualsTheText() {
        Random rnd = new Random(5);
        for (int t = 0; t < 500; t++) {
            String s = TestData.randomUnicode(rnd, 30);
            StreamingTextDecoder d = new StreamingTextDecoder(bytes);
            StringBuilder sb = new StringBuilder();
            for (int id : bytes.encode(s)) {
                String piece = d.push(id);
                assertTrue(piece.indexOf('\uFFFD') < 0 || s.indexOf('\uFFFD') >= 0, "no replacement char mid-stream");
                sb.append(piece);
            }
            sb.append(d.finish());
            assertEquals(s, sb.toString());
        }
    }

    @Test
    void finish_incompleteSequence_becomesReplacementCharacter() {
        StreamingTextDecoder d = new StreamingTextDecoder(bytes);
        assertEquals("x", d.push('x'));
        assertEquals("", d.push(0xE6));
        assertEquals("\uFFFD", d.finish());
    }

    @Test
    void push_invalidByte_releasedAsReplacementImmediately() {
        StreamingTextDecoder d = new StreamingTextDecoder(bytes);
        assertEquals("\uFFFD", d.push(0xFF));
        assertEquals("\uFFFDa", d.push(0xC3) + d.push('a'));
    }
}
