package dev.tessera.core.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    static DecoderModel model;
    static Generator gen;

    @BeforeAll
    static void setUp() {
        model = DecoderModel.create(ModelConfig.gpt2(40, 24, 2, 2, 32), 11, Device.cpu());
        gen = new Generator(new DjlDecodeEngine(model), null);
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    @Test
    void sampling_withTheSameSeed_isReproducible_andAnotherSeedDiffers() {
        int[] prompt = {1, 2, 3};
        SamplingConfig c = SamplingConfig.sample(1.5, 99, 20);
        int[] a = gen.generate(prompt, c, List.of(), null).tokens();
        int[] b = gen.generate(prompt, c, List.of(), null).tokens();
        int[] d = gen.generate(prompt, c.withSeed(100), List.of(), null).tokens();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, d), "another seed should give another sample at temperature 1.5");
    }

    @Test
    void topK_neverEmitsATokenOutsideTheKMostLikely() {
        int[] prompt = {5, 6};
        int k = 3;
        for (long seed = 0; seed < 30; seed++) {
            SamplingConfig c = SamplingConfig.sample(2.0, seed, 1).withTopK(k);
            int id = gen.generate(prompt, c, List.of(), null).tokens()[0];
            float[] l = logitsAfter(prompt);
            int rank = 0;
            for (float v : l) {
                if (v > l[id]) {
                    rank++;
                }
            }
            assertTrue(rank < k, "token " + id + " has rank " + rank + " >= k " + k);
        }
    }

    @Test
    void topP_neverEmitsATokenOutsideTheNucleus() {
        int[] prompt = {7, 8, 9};
        float[] l = logitsAfter(prompt);
        double[] p = LogitsProcessors.softmax(l);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(p[y], p[x]));
        double topP = 0.5;
        boolean[] nucleus = new boolean[p.length];
        double cum = 0;
        for (int i = 0; i < p.length && (i == 0 || cum < topP); i++) {
            nucleus[order[i]] = true;
            cum += p[order[i]];
        }
        for (long seed = 0; seed < 40; seed++) {
            int id = gen.generate(prompt, SamplingConfig.sample(1.0, seed, 1).withTopP(topP), List.of(), null).tokens()[0];
            assertTrue(nucleus[id], "token " + id + " is outside the top-p nucleus");
        }
    }

    private static float[] logitsAfter(int[] prompt) {
        try (DecodeEngine.Session s = gen.engine().open(1)) {
            return s.prefill(new int[][] {prompt}, new int[] {0})[0];
        }
    }

    @Test
    void greedy_isTheArgmaxOfTheFullForwardPass() {
        int[] prompt = {3, 1, 4, 1, 5};
        int[] out = gen.generate(prompt, SamplingConfig.greedy(6), List.of(), null).tokens();
        RecomputeDecodeEngine slow = new RecomputeDecodeEngine(model);
        int[] ref = new Generator(slow, null).generate(prompt, SamplingConfig.greedy(6), List.of(), null).tokens();
        assertArrayEquals(ref, out);
    }

    @Test
    void batchedGeneration_equalsOneAtATime_forPromptsOfDifferentLengths() {
        List<int[]> prompts = List.of(new int[] {1, 2, 3, 4, 5}, new int[] {9}, new int[] {7, 7, 7});
        List<GenerationResult> batch = gen.generateBatch(prompts, SamplingConfig.greedy(8), List.of(), null);
        for (int i = 0; i < prompts.size(); i++) {
            int[] single = gen.generate(prompts.get(i), SamplingConfig.greedy(8), List.of(), null).tokens();
            assertArrayEquals(single, batch.get(i).tokens(), "row " + i);
        }
    }

    @Test
    void tooLongPrompt_isRejectedWithLengths_orTruncatedWhenAsked() {
        int[] prompt = new int[30];
        PromptTooLongException e = assertThrows(PromptTooLongException.class,
                () -> gen.generate(prompt, SamplingConfig.greedy(2), List.of(), null));
        assertTrue(e.getMessage().contains("30 tokens") && e.getMessage().contains("24"), e.getMessage());
        GenerationResult r = gen.generate(prompt, SamplingConfig.greedy(2)
                .withPolicies(SamplingConfig.PromptPolicy.KEEP_LAST, SamplingConfig.OverflowPolicy.STOP), List.of(), null);
        assertEquals(2, r.tokens().length);
        assertTrue(r.promptTokens() <= 24);
    }

    @Test
    void unknownTokenInPrompt_namesIdAndPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gen.generate(new int[] {1, 40}, SamplingConfig.greedy(1), List.of(), null));
        assertTrue(e.getMessage().contains("40") && e.getMessage().contains("position 1"), e.getMessage());
    }

    @Test
    void slidePolicy_generatesPastTheContext_stopPolicyStopsAtIt() {
        int[] prompt = {1, 2};
        GenerationResult stop = gen.generate(prompt, SamplingConfig.greedy(100), List.of(), null);
        assertEquals(FinishReason.CONTEXT_FULL, stop.reason());
        assertEquals(24 - 2 + 1, stop.tokens().length);
        GenerationResult slide = gen.generate(prompt, SamplingConfig.greedy(100)
                .withPolicies(SamplingConfig.PromptPolicy.REJECT, SamplingConfig.OverflowPolicy.SLIDE), List.of(), null);
        assertEquals(100, slide.tokens().length);
        assertEquals(FinishReason.MAX_TOKENS, slide.reason());
    }

    @Test
    void framedLayout_exactLength_writesExactlyNTokensOfTheModalityThenEnd() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("text", 10);
        sizes.put("image", 20);
        VocabularyLayout layout = VocabularyLayout.framed(sizes);
        try (DecoderModel m = DecoderModel.create(ModelConfig.modern(layout.size(), 32, 1, 2, 16), 5, Device.cpu())) {
            Generator g = new Generator(new DjlDecodeEngine(m), layout);
            int[] prompt = TokenSequence.of(new Segment("text", new int[] {1, 2})).promptFor(layout, "image");
            for (long seed = 0; seed < 5; seed++) {
                SamplingConfig c = SamplingConfig.sample(1.0, seed, 30).withStopTokens(layout.end("image"));
                int[] out = g.generate(prompt, c, List.of(LogitsProcessors.exactLength(layout, "image", 7)), null).tokens();
                assertEquals(8, out.length, Arrays.toString(out));
                for (int i = 0; i < 7; i++) {
                    assertEquals("image", layout.modalityOf(out[i]), "token " + i + " = " + layout.describe(out[i]));
                }
                assertEquals(layout.end("image"), out[7]);
            }
        }
    }

    @Test
    void streamingListener_seesEveryTokenInOrder() {
        StringBuilder seen = new StringBuilder();
        int[] out = gen.generate(new int[] {2, 3}, SamplingConfig.sample(1, 4, 12), List.of(),
                (row, id) -> seen.append(id).append(',')).tokens();
        StringBuilder want = new StringBuilder();
        for (int id : out) {
            want.append(id).append(',');
        }
        assertEquals(want.toString(), seen.toString());
        assertNotEquals(0, out.length);
    }

    @Test
    void guidanceOne_drawsThePlainConditionalTokens_guidanceZero_theUnconditionalOnes() {
        List<int[]> prompts = List.of(new int[] {1, 2, 3, 4}, new int[] {9, 8, 7});
        List<int[]> uncond = List.of(new int[] {1}, new int[] {1});
        SamplingConfig c = SamplingConfig.sample(1.2, 5, 10);
        List<GenerationResult> plain = gen.generateBatch(prompts, c, List.of(), null);
        List<GenerationResult> one = gen.generateGuided(prompts, uncond, 1, c, List.of(), null);
        for (int b = 0; b < prompts.size(); b++) {
            assertArrayEquals(plain.get(b).tokens(), one.get(b).tokens(), "row " + b);
        }
        SamplingConfig g = SamplingConfig.greedy(8);
        int[] unconditional = gen.generate(new int[] {1}, g, List.of(), null).tokens();
        int[] zero = gen.generateGuided(List.of(new int[] {1, 2, 3, 4}), List.of(new int[] {1}), 0, g, List.of(), null)
                .get(0).tokens();
        assertArrayEquals(unconditional, zero);
    }

    @Test
    void guidedFirstToken_isTheArgmaxOfTheMixedLogits() {
        int[] prompt = {3, 1, 4, 1, 5};
        float[] c = logitsAfter(prompt);
        // an unconditional prompt whose favourite differs from the conditional one, so guidance has work to do
        int[] uncond = null;
        for (int t = 0; t < 40 && uncond == null; t++) {
            if (Generator.argmax(logitsAfter(new int[] {t})) != Generator.argmax(c)) {
                uncond = new int[] {t};
            }
        }
        assertTrue(uncond != null, "every one-token prompt favours the conditional argmax");
        float[] u = logitsAfter(uncond);
        for (double s : new double[] {0, 0.5, 2, 4}) {
            float[] mixed = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                mixed[i] = (float) (u[i] + s * (c[i] - u[i]));
            }
            int got = gen.generateGuided(List.of(prompt), List.of(uncond), s, SamplingConfig.greedy(1), List.of(), null)
                    .get(0).tokens()[0];
            assertEquals(Generator.argmax(mixed), got, "guidance " + s);
        }
        int atZero = gen.generateGuided(List.of(prompt), List.of(uncond), 0, SamplingConfig.greedy(1), List.of(), null)
                .get(0).tokens()[0];
        assertNotEquals(Generator.argmax(c), atZero, "guidance 0 follows the unconditional prompt");
    }

    @Test
    void guidedGeneration_rejectsMismatchedPrompts_aBadScale_andASlidingContext() {
        List<int[]> one = List.of(new int[] {1, 2});
        SamplingConfig g = SamplingConfig.greedy(3);
        assertThrows(IllegalArgumentException.class, () -> gen.generateGuided(one, List.of(), 2, g, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> gen.generateGuided(one, one, -1, g, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> gen.generateGuided(one, one, Double.NaN, g, List.of(), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gen.generateGuided(one, one, 2,
                g.withPolicies(SamplingConfig.PromptPolicy.REJECT, SamplingConfig.OverflowPolicy.SLIDE), List.of(), null));
        assertTrue(e.getMessage().contains("slide"), e.getMessage());
    }
}
