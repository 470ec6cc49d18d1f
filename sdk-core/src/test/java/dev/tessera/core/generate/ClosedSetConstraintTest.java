package dev.tessera.core.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.token.VocabularyLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosedSetConstraintTest {
    private static VocabularyLayout layout() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("other", 3);
        sizes.put("text", 5);
        return VocabularyLayout.framed(sizes);
    }

    /** The ids left finite after the constraint, for a sequence of global ids. */
    private static List<Integer> allowed(ClosedSetConstraint c, VocabularyLayout l, int... ids) {
        float[] logits = new float[l.size()];
        c.process(new GenerationContext(l, ids), logits);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] != Float.NEGATIVE_INFINITY) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void insideTheSegment_onlyContinuationsOfKnownSequences_andEndWhenOneIsComplete() {
        VocabularyLayout l = layout();
        ClosedSetConstraint c = new ClosedSetConstraint(l, "text", List.of(new int[] {1, 2}, new int[] {1, 2, 4},
                new int[] {3}));
        int b = l.begin("text");
        assertArrayEquals(new Object[] {l.toGlobal("text", 1), l.toGlobal("text", 3)},
                allowed(c, l, l.bos(), b).toArray());
        assertArrayEquals(new Object[] {l.toGlobal("text", 2)}, allowed(c, l, l.bos(), b, l.toGlobal("text", 1)).toArray());
        // "1 2" is complete and a prefix of "1 2 4": both END and 4
        List<Integer> both = allowed(c, l, l.bos(), b, l.toGlobal("text", 1), l.toGlobal("text", 2));
        assertTrue(both.contains(l.end("text")) && both.contains(l.toGlobal("text", 4)) && both.size() == 2, both.toString());
        assertArrayEquals(new Object[] {l.end("text")}, allowed(c, l, l.bos(), b, l.toGlobal("text", 3)).toArray());
    }

    @Test
    void outsideTheSegment_nothingChanges_andAnUnknownPrefixIsAnError() {
        VocabularyLayout l = layout();
        ClosedSetConstraint c = new ClosedSetConstraint(l, "text", List.of(new int[] {1, 2}));
        assertTrue(allowed(c, l, l.bos(), l.begin("other")).size() == l.size());
        assertTrue(allowed(c, l, l.bos()).size() == l.size());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> allowed(c, l, l.bos(), l.begin("text"), l.toGlobal("text", 0)));
        assertTrue(e.getMessage().contains("not the prefix"), e.getMessage());
    }

    @Test
    void badSets_areRefusedWithWhatIsWrong() {
        VocabularyLayout l = layout();
        assertThrows(IllegalArgumentException.class, () -> new ClosedSetConstraint(l, "text", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ClosedSetConstraint(l, "text", List.of(new int[0])));
        assertThrows(IllegalArgumentException.class, () -> new ClosedSetConstraint(l, "image", List.of(new int[] {1})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClosedSetConstraint(l, "text", List.of(new int[] {1, 5})));
        assertTrue(e.getMessage().contains("position 1"), e.getMessage());
    }
}
