package dev.tessera.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.util.EngineThreads;
import dev.tessera.core.util.NativeArrays;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * A continuous task: four features in [-1, 1] go through an adapter ({@code sum.in}) added to the
     * embedding of the modality's one id, and a head ({@code sum.out}) on the last position regresses their
     * sum (mean squared error).
     */
    private record SumTask(boolean brokenShape) implements CustomLossTask {
        @Override
        public String name() {
            return brokenShape ? "broken" : "sum";
        }

        @Override
        public Map<String, Integer> vocabularies() {
            return Map.of("v", 1);
        }

        @Override
        public int maxLength() {
            return 3;
        }

        @Override
        public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
            return new TaskExample(new int[] {layout.bos(), layout.begin("v"), layout.toGlobal("v", 0)}, new float[2]);
        }

        @Override
        public void addParameters(DecoderModel model, long seed) {
            int d = model.config().dModel();
            SplittableRandom r = new SplittableRandom(seed);
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                // seeded (DJL's randomNormal is not), from engine memory (see NativeArrays)
                model.parameterOrAdd("sum.in", () -> NativeArrays.floats(m, normal(r, d * 4, 0.5), new Shape(d, 4)));
                model.parameterOrAdd("sum.out", () -> NativeArrays.floats(m, normal(r, d, 0.1), new Shape(1, d)));
            }
        }

        @Override
        public NDArray loss(DecoderModel model, VocabularyLayout layout, int examples, SplittableRandom rng,
                NDManager manager) {
            float[] x = new float[examples * 4];
            float[] y = new float[examples];
            int[] ids = new int[examples * 3];
            for (int i = 0; i < examples; i++) {
                for (int k = 0; k < 4; k++) {
                    x[i * 4 + k] = (float) (2 * rng.nextDouble() - 1);
                    y[i] += x[i * 4 + k];
                }
                System.arraycopy(sample(layout, rng).ids(), 0, ids, i * 3, 3);
            }
            NDArray e = model.embed(NativeArrays.ints(manager, ids, new Shape(examples, 3)));
            NDArray feats = NativeArrays.floats(manager, x, new Shape(examples, 1, 4))
                    .matMul(model.parameter("sum.in").transpose());
            NDArray zeros = manager.zeros(new Shape(examples, 2, model.config().dModel()));
            NDArray h = model.forwardEmbeddings(e.add(zeros.concat(feats, 1)), null, null);
            NDArray pred = h.get(":, -1, :").matMul(model.parameter("sum.out").transpose()).reshape(examples);
            NDArray err = pred.sub(NativeArrays.floats(manager, y, new Shape(examples))).square();
            return brokenShape ? err : err.mean();
        }

        private static float[] normal(SplittableRandom r, int n, double sd) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                // Box-Muller
                v[i] = (float) (sd * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
            }
            return v;
        }

        @Override
        public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Task COPY = new MapTask("copy", "x", "y", 10, 4, 0);
    private static final Task SUM = new SumTask(false);
    private static final VocabularyLayout COPY_AND_SUM = MultiTaskTrainer.layoutFor(List.of(COPY, SUM));

    /** A token task (copy) and a custom regression task (sum), equally weighted. */
    private static MultiTaskTrainer.Result trainCopyAndSum(MultiTaskTrainer.Options o) throws Exception {
        return MultiTaskTrainer.train(List.of(new WeightedTask(COPY, 1, 1), new WeightedTask(SUM, 1, 1)), COPY_AND_SUM,
                o, QUIET, "copy+sum");
    }

    @Test
    void aCustomLossTask_trainsItsOwnParameters_besideATokenTask() throws Exception {
        Task copy = COPY;
        VocabularyLayout layout = COPY_AND_SUM;
        try (MultiTaskTrainer.Result r = trainCopyAndSum(options(300))) {
            assertEquals(4 * 64,
                    r.model().parameter("sum.in").getShape().size(), "the task's adapter is in the backbone");
            List<double[]> c = r.curves().get("sum");
            // the sum of four uniform [-1, 1] values has variance 4/3: predicting 0 gives a loss of about 1.33
            assertTrue(c.get(c.size() - 1)[1] < 0.15, "regression loss " + c.get(0)[1] + " -> " + c.get(c.size() - 1)[1]);
            assertTrue(r.stepsPerTask().get("sum") > 100 && r.stepsPerTask().get("copy") > 100, r.stepsPerTask().toString());
            // batches are sized by the token view: 448 ids per step / 3 ids = 149 examples
            assertEquals(149L * r.stepsPerTask().get("sum"), r.examplesPerTask().get("sum"));
            TaskContext ctx = new TaskContext(null, null, true, 1, QUIET);
            assertTrue(copy.evaluate(r.model(), layout, ctx).score() >= 0.9, "copy not learned beside the custom task");
        }
    }

    @Test
    void aRunKilledAfterACheckpoint_resumesToTheWeightsCurvesAndCountsOfAnUninterruptedRun(@TempDir Path dir)
            throws Exception {
        List<WeightedTask> mix = List.of(new WeightedTask(COPY, 1, 1), new WeightedTask(SUM, 1, 1));
        MultiTaskTrainer.Options o = new MultiTaskTrainer.Options(ModelConfig.gpt2(2, 2, 2, 4, 32),
                new TrainingConfig(24, 3e-3, 3e-4, 4, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 5), 32 * 14, 8, Device.cpu())
                .withBalancedGradients(true);
        Path ckpt = dir.resolve("run.ckpt");
        try (MultiTaskTrainer.Result whole = EngineThreads.with(1,
                () -> MultiTaskTrainer.train(mix, COPY_AND_SUM, o, QUIET, "whole"))) {
            // killed right after the checkpoint of step 12, as a kill -9 between two steps would be
            TrainingListener crash = new TrainingListener() {
                @Override
                public void onCheckpoint(long step, Path path) {
                    if (step == 12) {
                        throw new IllegalStateException("killed (simulated)");
                    }
                }
            };
            assertThrows(IllegalStateException.class, () -> EngineThreads.with(1, () -> MultiTaskTrainer.train(mix,
                    COPY_AND_SUM, o, QUIET, "killed", new Checkpoints(ckpt, 6, null), crash)));
            try (MultiTaskTrainer.Result resumed = EngineThreads.with(1, () -> MultiTaskTrainer.train(mix,
                    COPY_AND_SUM, o, QUIET, "resumed", new Checkpoints(ckpt, 6, ckpt)))) {
                for (Map.Entry<String, ai.djl.ndarray.NDArray> e : whole.model().parameters().entrySet()) {
                    assertArrayEquals(e.getValue().toFloatArray(), resumed.model().parameter(e.getKey()).toFloatArray(),
                            e.getKey() + " differs after the resume");
                }
                assertEquals(whole.stepsPerTask(), resumed.stepsPerTask());
                assertEquals(whole.gradientNorms(), resumed.gradientNorms());
                for (String t : List.of("copy", "sum")) {
                    assertEquals(whole.curves().get(t).size(), resumed.curves().get(t).size(), t);
                    for (int i = 0; i < whole.curves().get(t).size(); i++) {
                        assertArrayEquals(whole.curves().get(t).get(i), resumed.curves().get(t).get(i), 0.0, t + " " + i);
                    }
                }
            }
        }
        // a checkpoint of another mixture is refused, naming what differs
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiTaskTrainer.train(
                List.of(new WeightedTask(COPY, 2, 1), new WeightedTask(SUM, 1, 1)), COPY_AND_SUM, o, QUIET, "other",
                new Checkpoints(null, 0, ckpt)));
        assertTrue(e.getMessage().contains("mixture"), e.getMessage());
    }

    @Test
    void balancedGradients_recordEachTasksNorm_andStillTrainBothTasks() throws Exception {
        Task copy = COPY;
        VocabularyLayout layout = COPY_AND_SUM;
        try (MultiTaskTrainer.Result r = trainCopyAndSum(options(300).withBalancedGradients(true))) {
            for (String t : List.of("copy", "sum")) {
                double n = r.gradientNorms().get(t);
                assertTrue(n > 0 && Double.isFinite(n), t + " mean gradient norm " + n);
            }
            List<double[]> c = r.curves().get("sum");
            assertTrue(c.get(c.size() - 1)[1] < 0.15, "regression loss " + c.get(0)[1] + " -> " + c.get(c.size() - 1)[1]);
            TaskContext ctx = new TaskContext(null, null, true, 1, QUIET);
            assertTrue(copy.evaluate(r.model(), layout, ctx).score() >= 0.9, "copy not learned with balanced gradients");
        }
    }

    @Test
    void balancedGradients_needOneTaskPerStep() {
        MultiTaskTrainer.Options o = options(10);
        TrainingConfig two = o.training().withAccumulationSteps(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiTaskTrainer.Options(
                o.model(), two, o.tokensPerStep(), o.curveExamples(), o.device(), 0, true));
        assertTrue(e.getMessage().contains("accumulationSteps"), e.getMessage());
        assertTrue(o.withSteps(20).withBalancedGradients(true).withSteps(30).balanceGradients(),
                "withSteps keeps the balancing");
    }

    @Test
    void aCustomLossThatIsNotAScalar_isAnErrorNamingTheTask() {
        Task broken = new SumTask(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MultiTaskTrainer.train(
                List.of(WeightedTask.of(broken)), MultiTaskTrainer.layoutFor(List.of(broken)), options(5), QUIET, "b"));
        assertTrue(e.getMessage().contains("'broken'") && e.getMessage().contains("scalar"), e.getMessage());
    }
}
