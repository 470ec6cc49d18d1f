package dev.tessera.pointcloud.octree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OctreeGrammarTest {

    /** Draws masks uniformly among those the grammar allows; the result must always decode. */
    @Test
    void randomAllowedStreams_alwaysDecodeToValidOctrees() {
        SplittableRandom r = new SplittableRandom(1);
        for (int trial = 0; trial < 300; trial++) {
            int depth = 1 + r.nextInt(5);
            int budget = depth + r.nextInt(400);
            OctreeGrammar g = new OctreeGrammar(depth);
            List<Integer> out = new ArrayList<>();
            while (!g.complete()) {
                List<Integer> allowed = new ArrayList<>();
                for (int m = 0; m < 256; m++) {
                    if (g.allows(m, budget)) {
                        allowed.add(m);
                    }
                }
                assertFalse(allowed.isEmpty(), "dead end at " + out.size() + " of budget " + budget);
                int m = allowed.get(r.nextInt(allowed.size()));
                g.accept(m);
                out.add(m);
            }
            int[] t = out.stream().mapToInt(Integer::intValue).toArray();
            assertTrue(t.length <= budget, t.length + " > " + budget);
            long[] leaves = new OctreeCodec(depth).decodeVoxels(t);
            assertTrue(leaves.length >= 1);
            assertEquals(0, g.minimumRemaining());
        }
    }

    @Test
    void grammar_acceptsEveryEncodedStreamAndEndsExactlyThere() {
        SplittableRandom r = new SplittableRandom(2);
        for (int trial = 0; trial < 50; trial++) {
            int depth = 1 + r.nextInt(6);
            float[] p = new float[3 * (1 + r.nextInt(300))];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (r.nextDouble() - 0.5);
            }
            int[] t = new OctreeCodec(depth).encode(p);
            OctreeGrammar g = new OctreeGrammar(depth);
            for (int i = 0; i < t.length; i++) {
                assertFalse(g.complete());
                assertTrue(g.allows(t[i], Integer.MAX_VALUE));
                g.accept(t[i]);
            }
            assertTrue(g.complete());
            assertFalse(g.allows(1, Integer.MAX_VALUE));
        }
    }

    @Test
    void zeroMaskAndTokensAfterCompletion_areRefused() {
        OctreeGrammar g = new OctreeGrammar(1);
        assertFalse(g.allows(0, 10));
        assertThrows(IllegalArgumentException.class, () -> g.accept(0));
        g.accept(5);
        assertTrue(g.complete());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.accept(1));
        assertTrue(e.getMessage().contains("complete"), e.getMessage());
    }

    @Test
    void budget_limitsMasksThatCannotBeCompleted() {
        OctreeGrammar g = new OctreeGrammar(3);
        // root with 8 children needs 1 + 8 + 8 = 17 tokens at least
        assertFalse(g.allows(255, 16));
        assertTrue(g.allows(255, 17));
        assertTrue(g.allows(1, 3));
        assertFalse(g.allows(3, 4));
    }
}
