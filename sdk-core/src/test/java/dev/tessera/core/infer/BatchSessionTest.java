package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.generate.FinishReason;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.generate.TokenSampler;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchSessionTest {
    private static final int NEW = 40;
    private static DecoderModel model;
    private static JvmDecodeEngine engine;

    @BeforeAll
    static void train() throws Exception {
        model = TrainedModels.trained(ModelConfig.gpt2(48, 96, 2, 4, 64), 30, 2);
        engine = new JvmDecodeEngine(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[][] prompts(int n) {
        SplittableRandom r = new SplittableRandom(21);
        int[][] p = new int[n][];
        for (int i = 0; i < n; i++) {
            p[i] = TrainedModels.patterned(r, 48, 3 + 2 * i);
        }
        return p;
    }

    /** Decodes one sequence alone through a batch-1 session with the same sampler settings. */
    private static int[] alone(int[] prompt, SamplingConfig cfg, long seed) {
        TokenSampler s = new TokenSampler(null, prompt, cfg, List.of(), seed);
        try (DecodeEngine.Session session = engine.open(1)) {
            float[] logits = session.prefill(new int[][] {prompt}, new int[] {0})[0];
            while (true) {
                int id = s.next(logits);
                if (s.finished()) {
                    break;
                }
                logits = session.decode(new int[] {id})[0];
            }
        }
        return s.tokens();
    }

    private static void runToEnd(BatchSession batch) {
        while (batch.active() > 0) {
            batch.step();
        }
    }

    @Test
    void eightGreedySequences_giveTheirBatchOneTokens() {
        int[][] p = prompts(8);
        SamplingConfig cfg = SamplingConfig.greedy(NEW);
        List<BatchSession.Sequence> seqs = new ArrayList<>();
        try (BatchSession batch = engine.openBatch(8)) {
            for (int[] prompt : p) {
                seqs.add(batch.join(prompt, new TokenSampler(null, prompt, cfg, List.of(), 0)));
            }
            assertEquals(8, batch.active());
            runToEnd(batch);
        }
        for (int i = 0; i < 8; i++) {
            int[] expected = alone(p[i], cfg, 0);
            assertEquals(NEW, expected.length);
            assertTrue(Arrays.stream(expected).distinct().count() > 3, "degenerate generation");
            assertArrayEquals(expected, seqs.get(i).sampler().tokens(), "sequence " + i);
            assertEquals(FinishReason.MAX_TOKENS, seqs.get(i).sampler().finishReason());
            assertFalse(seqs.get(i).active());
        }
    }

    @Test
    void sequencesJoiningAndLeavingBetweenSteps_keepTheirOwnSettingsAndSeeds() {
        int[][] p = prompts(5);
        SamplingConfig[] cfgs = {SamplingConfig.greedy(NEW), SamplingConfig.sample(0.9, 0, 25).withTopK(8),
            SamplingConfig.sample(1.2, 0, NEW).withTopP(0.9), SamplingConfig.greedy(12), SamplingConfig.sample(1, 0, 30)};
        long[] seeds = {0, 11, 12, 0, 14};
        BatchSession.Sequence[] seqs = new BatchSession.Sequence[5];
        BatchSession.Sequence dropped;
        try (BatchSession batch = engine.openBatch(3)) {
            seqs[0] = batch.join(p[0], new TokenSampler(null, p[0], cfgs[0], List.of(), seeds[0]));
            seqs[1] = batch.join(p[1], new TokenSampler(null, p[1], cfgs[1], List.of(), seeds[1]));
            dropped = batch.join(p[2], new TokenSampler(null, p[2], cfgs[2], List.of(), 99));
            assertThrows(IllegalStateException.class,
                    () -> batch.join(p[3], new TokenSampler(null, p[3], cfgs[3], List.of(), 0)), "batch of 3 is full");
            for (int t = 0; t < 5; t++) {
                batch.step();
            }
            batch.leave(dropped);
            assertFalse(dropped.active());
            seqs[2] = batch.join(p[2], new TokenSampler(null, p[2], cfgs[2], List.of(), seeds[2]));
            for (int t = 0; t < 7; t++) {
                batch.step();
            }
            int waiting = 3;
            while (batch.active() > 0) {
                batch.step();
                if (waiting < 5 && batch.active() < batch.capacity()) {
                    seqs[waiting] = batch.join(p[waiting], new TokenSampler(null, p[waiting], cfgs[waiting], List.of(),
                            seeds[waiting]));
                    waiting++;
                }
            }
            assertEquals(5, waiting, "every waiting sequence joined");
        }
        assertEquals(5, dropped.sampler().tokens().length, "the dropped sequence stopped when it left");
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(alone(p[i], cfgs[i], seeds[i]), seqs[i].sampler().tokens(), "sequence " + i);
        }
    }

    /**
     * The server's promise, at the level of bits: on a model wide enough that every product is split over the
     * matvec threads, seeded sequences that join a running batch at staggered steps see exactly the logits
     * they see decoded one at a time, at every step (so no sampled token can differ either).
     */
    @Test
    void staggeredSeededSequences_seeTheirAloneLogitsBitForBit_onAModelSplitOverThreads() throws Exception {
        ModelConfig wide = ModelConfig.gpt2(64, 96, 2, 4, 256);
        assertTrue(3L * 256 * 256 >= 131072, "the qkv product is large enough to be split over threads");
        try (DecoderModel m = TrainedModels.trained(wide, 3, 5)) {
            JvmDecodeEngine e = new JvmDecodeEngine(m);
            SplittableRandom r = new SplittableRandom(8);
            int count = 12;
            int[][] p = new int[count][];
            for (int i = 0; i < count; i++) {
                p[i] = TrainedModels.patterned(r, 64, 2 + r.nextInt(9));
            }
            List<List<float[]>> alone = new ArrayList<>();
            try (BatchSession one = e.openBatch(1)) {
                for (int i = 0; i < count; i++) {
                    List<float[]> seen = new ArrayList<>();
                    alone.add(seen);
                    one.join(p[i], recording(p[i], i, seen));
                    runToEnd(one);
                }
            }
            List<List<float[]>> together = new ArrayList<>();
            try (BatchSession batch = e.openBatch(6)) {
                int next = 0;
                int step = 0;
                while (next < count || batch.active() > 0) {
                    if (next < count && batch.active() < batch.capacity() && (step + next) % 3 == 0) {
                        List<float[]> seen = new ArrayList<>();
                        together.add(seen);
                        batch.join(p[next], recording(p[next], next, seen));
                        next++;
                    }
                    if (batch.active() > 0) {
                        batch.step();
                    }
                    step++;
                }
            }
            for (int i = 0; i < count; i++) {
                assertEquals(alone.get(i).size(), together.get(i).size(), "sequence " + i + " steps");
                for (int t = 0; t < alone.get(i).size(); t++) {
                    assertArrayEquals(alone.get(i).get(t), together.get(i).get(t), "sequence " + i + ", step " + t);
                }
            }
        }
    }

    /** A sampled sequence of 20 to 39 tokens whose sampler keeps a copy of every step's logits. */
    private static TokenSampler recording(int[] prompt, int i, List<float[]> seen) {
        SamplingConfig cfg = SamplingConfig.sample(0.8, 0, 20 + i % 20).withTopP(0.95);
        return new TokenSampler(null, prompt, cfg, List.of((ctx, logits) -> seen.add(logits.clone())), 100 + i);
    }

    @Test
    void aSequenceReachingTheContext_finishesWithContextFull() {
        int[] prompt = prompts(1)[0];
        try (BatchSession batch = engine.openBatch(2)) {
            BatchSession.Sequence s = batch.join(prompt, new TokenSampler(null, prompt, SamplingConfig.greedy(500),
                    List.of(), 0));
            runToEnd(batch);
            assertEquals(FinishReason.CONTEXT_FULL, s.sampler().finishReason());
            assertEquals(96 - prompt.length + 1, s.sampler().tokens().length);
            assertThrows(IllegalArgumentException.class, () -> batch.join(new int[0],
                    new TokenSampler(null, new int[] {1}, SamplingConfig.greedy(5), List.of(), 0)));
        }
    }
}
