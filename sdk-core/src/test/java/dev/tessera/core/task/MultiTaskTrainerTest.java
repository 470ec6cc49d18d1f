package dev.tessera.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessors;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.TrainingConfig;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultiTaskTrainerTest {

    /** Prompt: n ids of modality {@code from}; answer: the same ids (shifted by {@code shift}) in modality {@code to}. */
    private record MapTask(String name, String from, String to, int vocab, int n, int shift) implements Task {
        @Override
        public Map<String, Integer> vocabularies() {
            return from.equals(to) ? Map.of(from, vocab) : Map.of(from, vocab, to, vocab);
        }

        @Override
        public int maxLength() {
            return 2 * n + 6;
        }

        int[] prompt(SplittableRandom r) {
            return r.ints(n, 0, vocab).toArray();
        }

        int[] answer(int[] p) {
            int[] a = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                a[i] = (p[i] + shift) % vocab;
            }
            return a;
        }

        @Override
        public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
            int[] p = prompt(rng);
            int[] ids = TokenSequence.of(new Segment(from, p), new Segment(to, answer(p))).toGlobalIds(layout, true);
            return TaskExample.lossFrom(ids, n + 2); // targets from BEGIN:to on
        }

        @Override
        public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) {
            Generator g = new Generator(new DjlDecodeEngine(model), layout);
            SplittableRandom r = new SplittableRandom(99);
            int ok = 0;
            int total = 40;
            for (int i = 0; i < total; i++) {
                int[] p = prompt(r);
                int[] prompt = TokenSequence.of(new Segment(from, p)).promptFor(layout, to);
                GenerationResult res = g.generate(prompt, SamplingConfig.greedy(n + 1),
                        List.of(LogitsProcessors.headConstraint(layout), LogitsProcessors.exactLength(layout, to, n)), null);
                int[] want = answer(p);
                boolean same = res.tokens().length >= n;
                for (int k = 0; same && k < n; k++) {
                    same = layout.toLocal(to, res.tokens()[k]) == want[k];
                }
                ok += same ? 1 : 0;
            }
            return new TaskScore("exact_match", ok / (double) total, true, Map.of(), List.of());
        }
    }

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private static MultiTaskTrainer.Options options(int steps) {
        return new MultiTaskTrainer.Options(ModelConfig.gpt2(2, 2, 2, 4, 64),
                new TrainingConfig(steps, 3e-3, 3e-4, 10, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 50, 0, 5), 32 * 14, 16, Device.cpu());
    }

    @Test
    void layout_isTheUnionOfTheTasksModalities_andRefusesConflictingSizes() {
        Task a = new MapTask("a", "x", "y", 8, 3, 1);
        Task b = new MapTask("b", "y", "z", 8, 3, 2);
        VocabularyLayout l = MultiTaskTrainer.layoutFor(List.of(b, a));
        assertEquals(List.of("x", "y", "z"), l.modalities());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiTaskTrainer.layoutFor(List.of(a, new MapTask("c", "y", "w", 9, 3, 0))));
        assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("'c'"), e.getMessage());
    }

    @Test
    void batches_areSizedByTheLongestHeldBackExample() {
        MultiTaskTrainer.Options o = options(100);
        assertEquals(37, o.batchFor(12)); // 448 ids per step / 12 ids per example
        assertEquals(1, o.batchFor(1000));
    }

    @Test
    void aTimeBudget_endsTheRun_andTheCountsMatchTheStepsTaken() throws Exception {
        Task a = new MapTask("a", "x", "y", 8, 3, 1);
        Task b = new MapTask("b", "y", "z", 8, 3, 2);
        List<WeightedTask> mix = List.of(new WeightedTask(a, 1, 1), new WeightedTask(b, 1, 1));
        MultiTaskTrainer.Options steps = options(1_000_000);
        MultiTaskTrainer.Options timed = new MultiTaskTrainer.Options(steps.model(), steps.training(), steps.tokensPerStep(),
                steps.curveExamples(), steps.device(), 1.5);
        try (MultiTaskTrainer.Result r = MultiTaskTrainer.train(mix, MultiTaskTrainer.layoutFor(List.of(a, b)), timed,
                QUIET, "timed")) {
            long n = r.training().steps();
            assertTrue(n > 0 && n < 1_000_000, "steps " + n);
            assertTrue(r.training().seconds() >= 1.5, "stopped before the budget: " + r.training().seconds() + " s");
            // every example of these tasks has 12 ids: 37 per step
            assertEquals(n * 37, r.examplesPerTask().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(n, r.stepsPerTask().get("a") + r.stepsPerTask().get("b"));
            assertEquals(37L * r.stepsPerTask().get("a"), r.examplesPerTask().get("a"));
            assertEquals(Math.max(1, r.stepsPerTask().get("b")), MultiTaskTrainer.singleTaskSteps(r, b));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MultiTaskTrainer.singleTaskSteps(r, new MapTask("c", "x", "y", 8, 3, 0)));
            assertTrue(e.getMessage().contains("'c'"), e.getMessage());
        }
    }

    @Test
    void oneModel_learnsTwoTasksOfDifferentModalities() throws Exception {
        Task copy = new MapTask("copy", "x", "y", 10, 4, 0);
        Task shift = new MapTask("shift", "y", "z", 10, 4, 3);
        List<WeightedTask> mix = List.of(new WeightedTask(copy, 1, 1), new WeightedTask(shift, 1, 2));
        VocabularyLayout layout = MultiTaskTrainer.layoutFor(List.of(copy, shift));
        try (MultiTaskTrainer.Result r = MultiTaskTrainer.train(mix, layout, options(300), QUIET, "mix")) {
            for (String t : List.of("copy", "shift")) {
                List<double[]> c = r.curves().get(t);
                assertTrue(c.size() >= 6, t + " curve has " + c.size() + " points");
                assertTrue(c.get(c.size() - 1)[1] < 0.3 * c.get(0)[1], t + " loss " + c.get(0)[1] + " -> "
                        + c.get(c.size() - 1)[1]);
            }
            long nCopy = r.examplesPerTask().get("copy");
            long nShift = r.examplesPerTask().get("shift");
            assertEquals(0, (nCopy + nShift) % 32, "each step is one task's batch of 448 / 14 = 32 examples");
            assertEquals(300L * 32, nCopy + nShift);
            assertTrue(Math.abs(nCopy - nShift) < 0.2 * (nCopy + nShift), nCopy + " vs " + nShift);
            TaskContext ctx = new TaskContext(null, null, true, 1, QUIET);
            assertTrue(copy.evaluate(r.model(), layout, ctx).score() >= 0.9, "copy not learned");
            assertTrue(shift.evaluate(r.model(), layout, ctx).score() >= 0.9, "shift not learned");
        }
    }

    @Test
    void anExampleLongerThanDeclared_isAnError() {
        Task liar = new MapTask("liar", "x", "y", 10, 6, 0);
        Task bad = new Task() {
            @Override
            public String name() {
                return "bad";
            }

            @Override
            public Map<String, Integer> vocabularies() {
                return liar.vocabularies();
            }

            @Override
            public int maxLength() {
                return 8;
            }

            @Override
            public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
                return liar.sample(layout, rng);
            }

            @Override
            public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) {
                throw new UnsupportedOperationException();
            }
        };
        VocabularyLayout layout = MultiTaskTrainer.layoutFor(List.of(bad));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MultiTaskTrainer.train(List.of(WeightedTask.of(bad)), layout, options(5), QUIET, "bad"));
        assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("maxLength"), e.getMessage());
    }
}
