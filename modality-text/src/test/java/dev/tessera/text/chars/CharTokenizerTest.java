package dev.tessera.text.chars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.token.UnknownTokenException;
import dev.tessera.text.MalformedTextException;
import dev.tessera.text.SurrogatePolicy;
import org.junit.jupiter.api.Test;

class CharTokenizerTest {
    private final CharTokenizer arith = CharTokenizer.of("0123456789+=$");

    @Test
    void encode_arithmetic_usesAlphabetOrder() {
        assertArrayEquals(new int[] {12, 1, 2, 3, 10, 4, 5, 6, 11, 9, 7, 5, 0, 12}, arith.encode("$123+456=9750$"));
        assertEquals("$123+456=9750$", arith.decode(arith.encode("$123+456=9750$")));
        assertEquals(13, arith.vocabularySize());
    }

    @Test
    void encode_unknownCharacter_throwsWithPosition() {
        MalformedTextException e = assertThrows(MalformedTextException.class, () -> arith.encode("12+3-4"));
        assertEquals(4, e.index());
        assertTrue(e.getMessage().contains("'-'") && e.getMessage().contains("U+002D"), e.getMessage());
        MalformedTextException s = assertThrows(MalformedTextException.class, () -> arith.encode("1\uD800"));
        assertTrue(s.getMessage().contains("lone surrogate"), s.getMessage());
    }

    @Test
    void supplementaryCharacters_areOneToken() {
        CharTokenizer t = CharTokenizer.fromCorpus("ab😀b");
        assertEquals(3, t.vocabularySize());
        assertArrayEquals(new int[] {0, 2, 1}, t.encode("a😀b"));
        assertEquals("😀a", t.decode(new int[] {2, 0}));
    }

    @Test
    void alphabetWithRepeats_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CharTokenizer.of("abca"));
        assertTrue(e.getMessage().contains("index 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharTokenizer.of(""));
    }

    @Test
    void decode_unknownId_throwsWithPosition() {
        UnknownTokenException e = assertThrows(UnknownTokenException.class, () -> arith.decode(new int[] {0, 13}));
        assertEquals(1, e.position());
    }

    @Test
    void byteTokenizer_roundTripsAndRejectsIdsAbove255() {
        ByteTokenizer b = new ByteTokenizer(SurrogatePolicy.REJECT);
        assertEquals("héllo 😀", b.decode(b.encode("héllo 😀")));
        assertEquals(11, b.encode("héllo 😀").length);
        UnknownTokenException e = assertThrows(UnknownTokenException.class, () -> b.decode(new int[] {1, 256}));
        assertEquals(1, e.position());
    }
}
