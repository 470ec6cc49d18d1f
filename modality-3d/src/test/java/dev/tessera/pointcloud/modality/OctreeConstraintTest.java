package dev.tessera.pointcloud.modality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.generate.FinishReason;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.octree.OctreeCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link OctreeConstraint} through the core {@link Generator}: an engine that
 * returns random logits (wide range, some already {@code -inf}) drives generation, and a checker
 * processor after the constraint compares the surviving ids with a brute-force reference built on
 * {@link OctreeCodec} alone (not on the grammar the constraint uses).
 */
class OctreeConstraintTest {
    private static final String SHAPE = "shape";

    private static VocabularyLayout layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("text", 256); // another modality first, so the octree ids do not start at a fixed place
        m.put(SHAPE, 256);
        return VocabularyLayout.framed(m);
    }

    /** Random logits per step; remembers each row's fed ids and last logits so the checker can find them. */
    private static final class RandomEngine implements DecodeEngine {
        private final int vocab;
        private final SplittableRandom rnd;
        final List<List<Integer>> fed = new ArrayList<>();
        final List<float[]> last = new ArrayList<>();

        RandomEngine(int vocab, long seed) {
            this.vocab = vocab;
            this.rnd = new SplittableRandom(seed);
        }

        @Override
        public String name() {
            return "random";
        }

        @Override
        public int contextLength() {
            return 4096;
        }

        @Override
        public int vocabSize() {
            return vocab;
        }

        private float[][] logits(int batch) {
            float[][] out = new float[batch][vocab];
            last.clear();
            for (int b = 0; b < batch; b++) {
                double scale = rnd.nextDouble() < 0.3 ? 30 : 3;
                for (int i = 0; i < vocab; i++) {
                    out[b][i] = rnd.nextDouble() < 0.03 ? Float.NEGATIVE_INFINITY : (float) (scale * rnd.nextGaussian());
                }
                last.add(out[b].clone());
            }
            return out;
        }

        @Override
        public Session open(int batch) {
            return new Session() {
                private int pos;

                @Override
                public float[][] prefill(int[][] ids, int[] pads) {
                    fed.clear();
                    for (int b = 0; b < batch; b++) {
                        List<Integer> row = new ArrayList<>();
                        for (int j = pads[b]; j < ids[b].length; j++) {
                            row.add(ids[b][j]);
                        }
                        fed.add(row);
                    }
                    pos = ids[0].length;
                    return logits(batch);
                }

                @Override
                public float[][] decode(int[] ids) {
                    for (int b = 0; b < batch; b++) {
                        fed.get(b).add(ids[b]);
                    }
                    pos++;
                    return logits(batch);
                }

                @Override
                public int position() {
                    return pos;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Minimal completion of a partial stream by brute force: append single-child masks until it decodes. */
    private static int completedLength(OctreeCodec codec, int[] masks) {
        int[] s = masks;
        while (true) {
            try {
                codec.decodeVoxels(s);
                return s.length;
            } catch (IllegalArgumentException e) {
                if (e.getMessage().contains("extra tokens")) {
                    return Integer.MAX_VALUE; // the stream already ran past a complete tree
                }
                s = Arrays.copyOf(s, s.length + 1);
                s[s.length - 1] = 1;
            }
        }
    }

    private static boolean isComplete(OctreeCodec codec, int[] masks) {
        try {
            codec.decodeVoxels(masks);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void randomLogits_onlyValidMasksSurvive_andEndIsForcedWhenTheTreeIsComplete() {
        VocabularyLayout l = layout();
        int off = l.offset(SHAPE);
        int end = l.end(SHAPE);
        int checkedSteps = 0;
        int completions = 0;
        for (int d = 2; d <= 4; d++) {
            final int depth = d;
            OctreeCodec codec = new OctreeCodec(depth);
            for (int budget : new int[] {depth, depth + 3, 20, 60}) {
                RandomEngine engine = new RandomEngine(l.size(), 1000L * depth + budget);
                int[] checked = {0};
                int[] ended = {0};
                LogitsProcessor checker = (ctx, logits) -> {
                    int[] all = ctx.ids();
                    int row = -1;
                    for (int b = 0; b < engine.fed.size(); b++) {
                        if (engine.fed.get(b).stream().mapToInt(Integer::intValue).toArray().length == all.length
                                && Arrays.equals(engine.fed.get(b).stream().mapToInt(Integer::intValue).toArray(), all)) {
                            row = b;
                        }
                    }
                    assertTrue(row >= 0, "checker could not find the row");
                    float[] raw = engine.last.get(row);
                    int[] masks = Arrays.stream(Arrays.copyOfRange(all, all.length - ctx.openLength(), all.length))
                            .map(id -> id - off).toArray();
                    boolean complete = masks.length > 0 && isComplete(codec, masks);
                    // brute-force minimal completion after one more mask: only its popcount matters to the length
                    int[] lengthWith = new int[9];
                    for (int k = 1; k <= 8 && !complete; k++) {
                        int[] next = Arrays.copyOf(masks, masks.length + 1);
                        next[masks.length] = (1 << k) - 1;
                        lengthWith[k] = completedLength(codec, next);
                    }
                    for (int id = 0; id < logits.length; id++) {
                        boolean expected;
                        if (complete) {
                            expected = id == end;
                        } else {
                            int m = id - off;
                            boolean valid = m >= 1 && m <= 255;
                            if (valid) {
                                valid = lengthWith[Integer.bitCount(m)] <= budget;
                            }
                            expected = valid && raw[id] != Float.NEGATIVE_INFINITY;
                        }
                        assertEquals(expected, logits[id] != Float.NEGATIVE_INFINITY, "depth " + depth + " budget "
                                + budget + " after " + masks.length + " masks: id " + l.describe(id));
                        if (expected && id != end) {
                            assertEquals(raw[id], logits[id], "a valid mask's logit must not change");
                        }
                    }
                    checked[0]++;
                    if (complete) {
                        ended[0]++;
                    }
                };
                List<int[]> prompts = new ArrayList<>();
                for (int b = 0; b < 6; b++) {
                    prompts.add(new int[] {l.bos(), l.begin("text"), l.toGlobal("text", 'a' + b), l.end("text"),
                        l.begin(SHAPE)});
                }
                SamplingConfig sc = SamplingConfig.sample(1.0, depth * 7L + budget, budget + 1).withStopTokens(end);
                List<GenerationResult> res = new Generator(engine, l).generateBatch(prompts, sc,
                        List.of(new OctreeConstraint(l, SHAPE, depth, budget), checker), null);
                for (GenerationResult r : res) {
                    int[] t = r.tokens();
                    assertEquals(FinishReason.STOP_TOKEN, r.reason());
                    assertEquals(end, t[t.length - 1]);
                    int[] masks = Arrays.stream(Arrays.copyOf(t, t.length - 1)).map(id -> id - off).toArray();
                    assertTrue(masks.length <= budget, masks.length + " masks > budget " + budget);
                    assertTrue(codec.decodeVoxels(masks).length >= 1); // throws if the tree is invalid
                }
                checkedSteps += checked[0];
                completions += ended[0];
            }
        }
        assertTrue(checkedSteps > 500, "only " + checkedSteps + " steps checked");
        assertEquals(3 * 4 * 6, completions, "END must be forced once per generated shape");
    }

    @Test
    void outsideTheOctreeSegment_logitsAreUntouched() {
        VocabularyLayout l = layout();
        float[][] before = new float[1][];
        float[][] after = new float[1][];
        int[] calls = {0};
        LogitsProcessor captureBefore = (ctx, logits) -> before[0] = logits.clone();
        LogitsProcessor captureAfter = (ctx, logits) -> {
            if (!SHAPE.equals(ctx.openModality())) {
                after[0] = logits.clone();
                calls[0]++;
                assertArrayEquals(before[0], after[0], "step " + calls[0] + " in segment " + ctx.openModality());
            }
        };
        int[] prompt = {l.bos(), l.begin("text")};
        new Generator(new RandomEngine(l.size(), 5), l).generate(prompt, SamplingConfig.sample(1, 2, 30),
                List.of(captureBefore, new OctreeConstraint(l, SHAPE, 3, 50), captureAfter), null);
        assertTrue(calls[0] > 1);
    }

    @Test
    void aPromptWithAnInvalidMask_isRejectedWithItsPosition() {
        VocabularyLayout l = layout();
        int off = l.offset(SHAPE);
        int[] prompt = {l.bos(), l.begin(SHAPE), off + 3, off + 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Generator(new RandomEngine(l.size(), 1), l).generate(prompt, SamplingConfig.greedy(4),
                        List.of(new OctreeConstraint(l, SHAPE, 3, 50)), null));
        assertTrue(e.getMessage().contains("position 3"), e.getMessage());
    }

    @Test
    void settingsThatCannotWork_areRejected() {
        VocabularyLayout l = layout();
        assertThrows(IllegalArgumentException.class, () -> new OctreeConstraint(l, "image", 3, 50));
        assertThrows(IllegalArgumentException.class, () -> new OctreeConstraint(l, SHAPE, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> new OctreeConstraint(l, SHAPE, 0, 50));
    }
}
