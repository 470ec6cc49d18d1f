package dev.tessera.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.text.TestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

    @Test
    void train_mergesEqualANaiveRecountingReference() throws Exception {
        List<String> corpus = TestData.samples();
        ByteLevelBpe bpe = new BpeTrainer(new BpeTrainingConfig(256 + 150, 2, List.of())).train(corpus);
        List<String[]> expected = naiveMerges(corpus, 150, 2);
        List<String[]> actual = bpe.mergeStrings();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "merge #" + i);
        }
    }

    @Test
    void train_firstMergeIsTheMostFrequentPair() {
        List<String> corpus = List.of("low lower lowest low low", "slow flow");
        ByteLevelBpe bpe = new BpeTrainer(new BpeTrainingConfig(257, 1, List.of())).train(corpus);
        // pieces: low, " lower", " lowest", " low" x2, slow, " flow": "lo" and "ow" occur 7 times each;
        // the tie goes to the smaller left id ('l' = 0x6C < 'o' = 0x6F)
        assertArrayEquals(new String[] {"l", "o"}, bpe.mergeStrings().get(0));
    }

    @Test
    void train_tiesAreBrokenBySmallerLeftThenRightId() {
        ByteLevelBpe bpe = new BpeTrainer(new BpeTrainingConfig(257, 1, List.of())).train(List.of("ab cd"));
        // pairs (a,b), (Ġ,c), (c,d) each occur once; ' ' (0x20) is the smallest left id
        assertArrayEquals(new String[] {"Ġ", "c"}, bpe.mergeStrings().get(0));
    }

    @Test
    void train_sameCorpusTwice_givesIdenticalTokenizers() throws Exception {
        List<String> corpus = TestData.samples();
        BpeTrainingConfig cfg = BpeTrainingConfig.of(700);
        ByteLevelBpe a = new BpeTrainer(cfg).train(corpus);
        ByteLevelBpe b = new BpeTrainer(cfg).train(corpus);
        assertEquals(HfTokenizerJson.toJson(a), HfTokenizerJson.toJson(b));
        assertEquals(700, a.vocabularySize());
        assertEquals(700 - 256 - 1, a.mergeCount());
        assertEquals(699, a.id("<|endoftext|>"));
    }

    @Test
    void train_compressesTheCorpusAndRoundTrips() throws Exception {
        List<String> corpus = TestData.samples();
        ByteLevelBpe bpe = new BpeTrainer(BpeTrainingConfig.of(1000)).train(corpus);
        for (String t : corpus) {
            int[] ids = bpe.encode(t);
            int bytes = t.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(ids.length < 0.6 * bytes, "expected real compression: " + ids.length + " ids for " + bytes + " bytes");
            assertEquals(t, bpe.decode(ids));
        }
    }

    @Test
    void train_stopsWhenNoPairReachesMinFrequency() {
        ByteLevelBpe bpe = new BpeTrainer(new BpeTrainingConfig(10_000, 3, List.of())).train(List.of("abab xy"));
        // only "ab" repeats (twice) in "abab": below 3, so no merge at all
        assertEquals(0, bpe.mergeCount());
        assertEquals(256, bpe.vocabularySize());
    }

    @Test
    void config_invalidValues_rejectedWithFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BpeTrainingConfig(100, 2, List.of()));
        assertTrue(e.getMessage().contains("vocabularySize (100)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BpeTrainingConfig(300, 0, List.of()));
        assertTrue(e.getMessage().contains("minFrequency (0)"), e.getMessage());
    }

    /** Reference: recount every pair over all pieces at every step. */
    private static List<String[]> naiveMerges(List<String> corpus, int merges, int minFrequency) {
        Map<String, Integer> pieces = new LinkedHashMap<>();
        for (String t : corpus) {
            for (String p : Gpt2PreTokenizer.split(t)) {
                pieces.merge(p, 1, Integer::sum);
            }
        }
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            ids.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        }
        for (Map.Entry<String, Integer> e : pieces.entrySet()) {
            List<String> w = new ArrayList<>();
            for (byte b : e.getKey().getBytes(StandardCharsets.UTF_8)) {
                w.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
            }
            words.add(w);
            counts.add(e.getValue());
        }
        List<String[]> out = new ArrayList<>();
        for (int m = 0; m < merges; m++) {
            Map<List<String>, Integer> pc = new LinkedHashMap<>();
            for (int i = 0; i < words.size(); i++) {
                List<String> w = words.get(i);
                for (int k = 0; k + 1 < w.size(); k++) {
                    pc.merge(Arrays.asList(w.get(k), w.get(k + 1)), counts.get(i), Integer::sum);
                }
            }
            List<String> best = null;
            int bestCount = 0;
            for (Map.Entry<List<String>, Integer> e : pc.entrySet()) {
                int c = e.getValue();
                List<String> p = e.getKey();
                if (best == null || c > bestCount || (c == bestCount && (ids.get(p.get(0)) < ids.get(best.get(0))
                        || (ids.get(p.get(0)).equals(ids.get(best.get(0))) && ids.get(p.get(1)) < ids.get(best.get(1)))))) {
                    best = p;
                    bestCount = c;
                }
            }
            if (best == null || bestCount < minFrequency) {
                break;
            }
            String merged = best.get(0) + best.get(1);
            ids.put(merged, ids.size());
            out.add(new String[] {best.get(0), best.get(1)});
            for (List<String> w : words) {
                for (int k = 0; k + 1 < w.size(); k++) {
                    if (w.get(k).equals(best.get(0)) && w.get(k + 1).equals(best.get(1))) {
                        w.set(k, merged);
                        w.remove(k + 1);
                    }
                }
            }
        }
        return out;
    }
}
