package dev.tessera.core.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyLayoutTest {
    static VocabularyLayout layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("text", 5);
        m.put("image", 3);
        return VocabularyLayout.framed(m);
    }

    @Test
    void opensAndCloses_nameTheModalityOfEachFramingIdAndNothingElse() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("text", 5);
        sizes.put("image", 3);
        VocabularyLayout l = VocabularyLayout.framed(sizes);
        for (int id = 0; id < l.size(); id++) {
            String name = l.describe(id);
            assertEquals(name.startsWith("BEGIN:") ? name.substring(6) : null, l.opens(id), name);
            assertEquals(name.startsWith("END:") ? name.substring(4) : null, l.closes(id), name);
        }
        assertEquals("image", l.opens(l.begin("image")));
        assertEquals("text", l.closes(l.end("text")));
        assertEquals(null, VocabularyLayout.plain("bytes", 4).opens(0));
        assertThrows(dev.tessera.core.token.UnknownTokenException.class, () -> l.opens(l.size()));
    }

    @Test
    void framedLayout_assignsControlIdsThenContiguousRanges() {
        VocabularyLayout l = layout();
        assertEquals(2 + 4 + 5 + 3, l.size());
        assertEquals(0, l.bos());
        assertEquals(1, l.eos());
        assertEquals("BEGIN:image", l.describe(l.begin("image")));
        assertEquals(6, l.offset("text"));
        assertEquals(11, l.offset("image"));
        assertEquals("image", l.modalityOf(12));
        assertEquals(null, l.modalityOf(l.end("text")));
    }

    @Test
    void heads_partitionEveryIdButBos() {
        VocabularyLayout l = layout();
        int covered = 0;
        for (int h = 0; h < l.headCount(); h++) {
            for (int id : l.headIds(h)) {
                assertEquals(h, l.headOf(id));
                covered++;
            }
        }
        assertEquals(l.size() - 1, covered);
        assertArrayEquals(new int[] {1, 2, 4}, l.headIds(l.controlHead()));
        assertTrue(java.util.Arrays.stream(l.headIds(l.headOfModality("text"))).anyMatch(i -> i == l.end("text")));
    }

    @Test
    void sequence_framesSegments_andParsesBack() {
        VocabularyLayout l = layout();
        TokenSequence s = TokenSequence.of(new Segment("text", new int[] {0, 4}), new Segment("image", new int[] {2}));
        int[] ids = s.toGlobalIds(l, true);
        assertArrayEquals(new int[] {0, 2, 6, 10, 3, 4, 13, 5, 1}, ids);
        TokenSequence back = TokenSequence.parse(l, ids);
        assertEquals(s.segments(), back.segments());
    }

    @Test
    void malformedFraming_andUnknownIds_sayWhere() {
        VocabularyLayout l = layout();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenSequence.parse(l, new int[] {0, 2, 12}));
        assertTrue(e.getMessage().contains("position 2") && e.getMessage().contains("'text'"), e.getMessage());
        UnknownTokenException u = assertThrows(UnknownTokenException.class, () -> TokenSequence.parse(l, new int[] {0, 99}));
        assertEquals(1, u.position());
        assertThrows(UnknownTokenException.class,
                () -> TokenSequence.of(new Segment("text", new int[] {5})).toGlobalIds(l, false));
    }
}
