package dev.tessera.vision.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.util.NativeArrays;
import dev.tessera.text.modality.ByteText;
import dev.tessera.vision.kmeans.PatchCodebook;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CaptionRankerTest {
    /** Shares first bytes like the Fashion-MNIST labels: branching at "", "s" and "sh" (and "t"). */
    private static final List<String> CAPTIONS = List.of("shirt", "shoe", "sandal", "t-shirt", "trouser", "bag");

    private static VisionLanguageModel model() {
        SplittableRandom r = new SplittableRandom(3);
        float[] c = new float[32 * 16];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextDouble();
        }
        return VisionLanguageModel.create(new PatchCodebook(28, 1, 4, 32, c), CAPTIONS,
                ModelConfig.gpt2(2, 2, 1, 2, 16), 9);
    }

    private static int[][] grids(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] g = new int[n][49];
        for (int[] row : g) {
            for (int i = 0; i < row.length; i++) {
                row[i] = r.nextInt(32);
            }
        }
        return g;
    }

    /** Brute force: every byte (and END) of the caption, renormalised over the bytes that continue some caption. */
    private static double closedVocabularyLogProb(DecoderModel m, VocabularyLayout layout, int[] grid, String caption) {
        int[] prompt = VisionSequences.captionPrompt(layout, grid);
        int[] bytes = ByteText.encode(caption);
        double total = 0;
        for (int d = 0; d <= bytes.length; d++) {
            int[] written = Arrays.copyOf(bytes, d);
            List<Integer> allowed = new ArrayList<>();
            for (String c : CAPTIONS) {
                int[] b = ByteText.encode(c);
                if (b.length >= d && Arrays.equals(Arrays.copyOf(b, d), written)) {
                    int next = b.length == d ? layout.end(ByteText.NAME) : layout.toGlobal(ByteText.NAME, b[d]);
                    if (!allowed.contains(next)) {
                        allowed.add(next);
                    }
                }
            }
            int actual = d == bytes.length ? layout.end(ByteText.NAME) : layout.toGlobal(ByteText.NAME, bytes[d]);
            int[] ids = Arrays.copyOf(prompt, prompt.length + d);
            for (int i = 0; i < d; i++) {
                ids[prompt.length + i] = layout.toGlobal(ByteText.NAME, bytes[i]);
            }
            try (NDManager s = m.manager().newSubManager()) {
                NDArray logits = m.logits(m.forward(NativeArrays.ints(s, ids, new Shape(1, ids.length)), null));
                float[] last = logits.get(new NDIndex("0, " + (ids.length - 1))).toFloatArray();
                double sum = 0;
                for (int id : allowed) {
                    sum += Math.exp(last[id]);
                }
                total += last[actual] - Math.log(sum);
            }
        }
        return total;
    }

    @Test
    void captionScores_matchAByteByByteClosedVocabularyComputation_andSumToOne() {
        try (VisionLanguageModel m = model()) {
            CaptionRanker r = m.ranker();
            assertEquals(4, r.branchingPoints(), "branching at '', 's', 'sh' and 't'");
            int[][] g = grids(3, 1);
            double[][] got = r.captionGivenImage(g);
            for (int i = 0; i < g.length; i++) {
                double mass = 0;
                for (int c = 0; c < CAPTIONS.size(); c++) {
                    double want = closedVocabularyLogProb(m.model(), m.layout(), g[i], CAPTIONS.get(c));
                    assertEquals(want, got[i][c], 1e-4, "image " + i + ", caption " + CAPTIONS.get(c));
                    mass += Math.exp(got[i][c]);
                }
                assertEquals(1.0, mass, 1e-5, "image " + i);
            }
        }
    }

    @Test
    void imageScores_areMinusTheTokenLossTimesTheScoredTokens() {
        try (VisionLanguageModel m = model()) {
            int[][] g = grids(2, 2);
            double[][] got = m.ranker().imageGivenCaption(g, new int[][] {{0, 4}, {5}});
            try (TokenLoss loss = new TokenLoss(m.layout(), m.model().manager());
                    NDManager s = m.model().manager().newSubManager()) {
                int[][] pairs = {{0, 0}, {0, 4}, {1, 5}};
                double[] flat = {got[0][0], got[0][1], got[1][0]};
                for (int k = 0; k < pairs.length; k++) {
                    TaskExample e = VisionSequences.textToImage(m.layout(), CAPTIONS.get(pairs[k][1]), g[pairs[k][0]]);
                    double scored = 0;
                    for (float w : e.weights()) {
                        scored += w;
                    }
                    double mean = loss.loss(m.model(), TaskExample.batch(List.of(e), 1, m.layout().eos()), s).getFloat();
                    assertEquals(-mean * scored, flat[k], 1e-3 * scored, "pair " + k);
                }
            }
        }
    }

    @Test
    void withImageWeightZero_theFirstDirectionsBestCaptionIsChosen() {
        try (VisionLanguageModel m = model()) {
            CaptionRanker r = m.ranker();
            int[][] g = grids(5, 3);
            double[][] cap = r.captionGivenImage(g);
            Map<Double, List<String>> out = r.caption(g, new double[] {0, 1}, 3);
            for (int i = 0; i < g.length; i++) {
                int best = 0;
                for (int c = 1; c < CAPTIONS.size(); c++) {
                    best = cap[i][c] > cap[i][best] ? c : best;
                }
                assertEquals(CAPTIONS.get(best), out.get(0.0).get(i));
                assertTrue(CAPTIONS.contains(out.get(1.0).get(i)));
            }
        }
    }

    @Test
    void badArguments_areRefused() {
        try (VisionLanguageModel m = model()) {
            assertThrows(IllegalArgumentException.class, () -> m.ranker().caption(grids(1, 4), new double[] {0}, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> new CaptionRanker(m.model(), m.layout(), List.of("a", "a"), 49));
            assertThrows(IllegalArgumentException.class, () -> m.ranker().captionGivenImage(new int[][] {{1, 2}}));
        }
    }
}
