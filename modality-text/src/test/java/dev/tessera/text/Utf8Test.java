package dev.tessera.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void encode_validText_equalsTheJdk() {
        Random rnd = new Random(9);
        for (int t = 0; t < 2000; t++) {
            String s = TestData.randomUnicode(rnd, 20);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.encode(s, SurrogatePolicy.REJECT));
        }
    }

    @Test
    void encode_loneSurrogate_followsPolicy() {
        MalformedTextException e = assertThrows(MalformedTextException.class, () -> Utf8.encode("ab\uDFFF", SurrogatePolicy.REJECT));
        assertEquals(2, e.index());
        assertArrayEquals("a\uFFFD".getBytes(StandardCharsets.UTF_8), Utf8.encode("a\uD800", SurrogatePolicy.REPLACE));
    }

    @Test
    void firstInvalid_findsOverlongSurrogateAndOutOfRangeSequences() {
        assertEquals(-1, Utf8.firstInvalid("aé😀".getBytes(StandardCharsets.UTF_8), 0, 7));
        assertEquals(1, Utf8.firstInvalid(new byte[] {'a', (byte) 0xC0, (byte) 0x80}, 0, 3)); // overlong
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)); // surrogate
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4));
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0x80}, 0, 1));
        assertEquals(1, Utf8.firstInvalid(new byte[] {'a', (byte) 0xE6, (byte) 0x97}, 0, 3)); // cut off
    }

    @Test
    void decodablePrefix_holdsBackOnlyAValidIncompleteTail() {
        byte[] b = "a😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, Utf8.decodablePrefix(b, 3));
        assertEquals(5, Utf8.decodablePrefix(b, 5));
        assertEquals(2, Utf8.decodablePrefix(new byte[] {'a', (byte) 0xFF}, 2));
        assertEquals(3, Utf8.decodablePrefix(new byte[] {'a', (byte) 0xE0, (byte) 0x80}, 3)); // invalid, release now
    }
}
