package dev.tessera.text.modality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.token.Segment;
import dev.tessera.core.token.UnknownTokenException;
import dev.tessera.text.MalformedTextException;
import org.junit.jupiter.api.Test;

class ByteTextTest {

    @Test
    void roundTripsAnyTextThroughOneIdPerByte() {
        String s = "a red cube, é, 𝄞";
        int[] ids = ByteText.encode(s);
        assertEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, ids.length);
        assertEquals(s, ByteText.decode(ids));
        assertArrayEquals(new int[] {0xc3, 0xa9}, ByteText.encode("é"));
    }

    @Test
    void theModalityEncodesAndDecodesLikeTheHelpers() {
        TextModality m = ByteText.modality();
        assertSame(m, ByteText.modality());
        assertEquals(ByteText.NAME, m.name());
        assertEquals(ByteText.VOCABULARY, m.vocabularySize());
        Segment seg = m.tokenizer().encode("cat");
        assertArrayEquals(ByteText.encode("cat"), seg.tokens());
        assertEquals("cat", m.detokenizer().decode(seg));
    }

    @Test
    void anIdThatIsNotAByteIsNamedWithItsPosition() {
        UnknownTokenException e = assertThrows(UnknownTokenException.class, () -> ByteText.decode(new int[] {97, 300}));
        assertTrue(e.getMessage().contains("300"), e.getMessage());
        assertTrue(e.getMessage().contains("position 1"), e.getMessage());
    }

    @Test
    void invalidUtf8BecomesReplacementCharactersNotAnError() {
        assertEquals("a\uFFFD", ByteText.decode(new int[] {97, 0xff}));
    }

    @Test
    void aLoneSurrogateIsRejectedWithItsIndex() {
        MalformedTextException e = assertThrows(MalformedTextException.class, () -> ByteText.encode("ab\uD800"));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
    }
}
