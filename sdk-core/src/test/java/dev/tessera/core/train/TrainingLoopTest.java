package dev.tessera.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {

    static TokenBatch randomBatch(long seed, int vocab) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] seqs = new int[4][17];
        for (int[] s : seqs) {
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextInt(vocab);
            }
        }
        return TokenBatch.shifted(seqs, null);
    }

    /*
     * GPT-2 blocks: the modern block (RMSNorm, RoPE, SwiGLU) diverges at random in about one run
     * in ten with two intra-op threads (non-deterministic results between identical runs), which
     * is a known open bug; see the issue notes. This test must not be flaky in CI.
     */
    @Test
    void singleBatch_isOverfitToNearZeroLoss() throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(32, 16, 2, 2, 32);
        TokenBatch batch = randomBatch(9, 32);
        try (DecoderModel model = DecoderModel.create(cfg, 1, Device.cpu());
                TokenLoss loss = new TokenLoss(VocabularyLayout.plain("bytes", 32), model.manager());
                NDManager scope = NDManager.newBaseManager()) {
            TrainingConfig tc = new TrainingConfig(200, 1e-2, 1e-3, 10, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 1);
            try (TrainingLoop loop = new TrainingLoop(model, tc)) {
                TrainingResult r = loop.run((step, micro) -> loss.loss(model, batch, scope));
                assertTrue(r.finalLoss() < 0.05, "final loss " + r.finalLoss());
            }
        }
    }

    @Test
    void everyUpdate_movesTheModelsWeightsVersion() throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(24, 16, 1, 2, 16);
        try (DecoderModel model = DecoderModel.create(cfg, 4, Device.cpu());
                TokenLoss loss = new TokenLoss(VocabularyLayout.plain("bytes", 24), model.manager())) {
            long before = model.weightsVersion();
            TrainingConfig tc = new TrainingConfig(3, 5e-3, 5e-4, 1, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 3);
            try (TrainingLoop loop = new TrainingLoop(model, tc)) {
                loop.run((step, micro) -> {
                    // the version seen inside step s counts the s updates made before it
                    assertEquals(before + step, model.weightsVersion(), "at step " + step);
                    return loss.loss(model, randomBatch(step, 24), model.manager());
                });
            }
            assertEquals(before + 3, model.weightsVersion());
        }
    }

    @Test
    void resume_continuesTheSameRunBitForBit(@TempDir Path dir) throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(24, 16, 1, 2, 16);
        TrainingConfig tc = new TrainingConfig(12, 5e-3, 5e-4, 3, 0.1, 0.9, 0.99, 1e-8, 1.0, 2, 0, 6, 3);
        VocabularyLayout layout = VocabularyLayout.plain("bytes", 24);
        float[] straight;
        try (DecoderModel model = DecoderModel.create(cfg, 4, Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            loop.run((step, micro) -> loss.loss(model, randomBatch(step * 10 + micro, 24), model.manager()));
            straight = model.parameter("blocks.0.mlp.fc1.weight").toFloatArray();
        }
        Path ckpt = dir.resolve("run.ckpt");
        TrainingConfig half = tc;
        try (DecoderModel model = DecoderModel.create(cfg, 4, Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                TrainingLoop loop = new TrainingLoop(model, half).checkpointTo(ckpt)) {
            // stop after the first checkpoint by failing the 7th step
            try {
                loop.run((step, micro) -> {
                    if (step == 6) {
                        throw new IllegalStateException("simulated crash");
                    }
                    return loss.loss(model, randomBatch(step * 10 + micro, 24), model.manager());
                });
            } catch (IllegalStateException expected) {
                // the checkpoint at step 6 survives
            }
        }
        try (DecoderModel model = DecoderModel.create(cfg, 99, Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            loop.resume(ckpt);
            assertEquals(6, loop.startStep());
            loop.run((step, micro) -> loss.loss(model, randomBatch(step * 10 + micro, 24), model.manager()));
            assertArrayEquals(straight, model.parameter("blocks.0.mlp.fc1.weight").toFloatArray());
        }
    }

    /** A finite loss whose gradient is NaN: d/dw sqrt(0 * w) at 0. */
    private static ai.djl.ndarray.NDArray poisoned(DecoderModel model) {
        return model.parameter("wte.weight").mul(0).sum().sqrt();
    }

    @Test
    void aStepWithANonFiniteGradient_isSkippedAndTrainingGoesOn() throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(32, 16, 2, 2, 32);
        TokenBatch batch = randomBatch(9, 32);
        try (DecoderModel model = DecoderModel.create(cfg, 1, Device.cpu());
                TokenLoss loss = new TokenLoss(VocabularyLayout.plain("bytes", 32), model.manager());
                NDManager scope = NDManager.newBaseManager()) {
            TrainingConfig tc = new TrainingConfig(40, 1e-2, 1e-3, 5, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 1);
            try (TrainingLoop loop = new TrainingLoop(model, tc)) {
                TrainingResult r = loop.run((step, micro) -> step == 7 || step == 8 ? poisoned(model)
                        : loss.loss(model, batch, scope));
                assertEquals(2, loop.skippedSteps());
                assertEquals(38, r.steps());
                assertTrue(r.finalLoss() < 2.5, "final loss " + r.finalLoss());
                for (var e : model.parameters().entrySet()) {
                    float sq = e.getValue().square().sum().getFloat();
                    assertTrue(Float.isFinite(sq), e.getKey() + " is not finite after the skipped steps");
                    assertEquals(0f, e.getValue().getGradient().abs().sum().getFloat(), 0f, e.getKey() + " gradient");
                }
            }
        }
    }

    @Test
    void nonFiniteGradientsInARow_endTheRunWithTheParameterName() throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(32, 16, 2, 2, 32);
        try (DecoderModel model = DecoderModel.create(cfg, 1, Device.cpu())) {
            TrainingConfig tc = new TrainingConfig(40, 1e-2, 1e-3, 5, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 1);
            try (TrainingLoop loop = new TrainingLoop(model, tc)) {
                TrainingDivergedException e = org.junit.jupiter.api.Assertions.assertThrows(
                        TrainingDivergedException.class, () -> loop.run((step, micro) -> poisoned(model)));
                assertTrue(e.getMessage().contains("wte.weight") && e.getMessage().contains("in a row"), e.getMessage());
                assertEquals(TrainingLoop.MAX_SKIPPED_IN_A_ROW + 1, loop.skippedSteps());
            }
        }
    }

    /** The first embedding row after 30 steps on random batches, each step's gradient multiplied by {@code scale}. */
    private static float[] trainedWith(TrainingLoop.GradientScale scale, double[] seenNorm) throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(24, 16, 1, 2, 16);
        TrainingConfig tc = new TrainingConfig(30, 5e-3, 5e-4, 3, 0.0, 0.9, 0.99, 1e-8, 0.0, 1, 0, 0, 3);
        VocabularyLayout layout = VocabularyLayout.plain("bytes", 24);
        try (DecoderModel model = DecoderModel.create(cfg, 4, Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            loop.gradientScale(scale).listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    seenNorm[0] = m.gradNorm();
                }
            });
            loop.run((step, micro) -> loss.loss(model, randomBatch(step, 24), model.manager()));
            return model.parameter("wte.weight").toFloatArray();
        }
    }

    @Test
    void aGradientScale_isAppliedBeforeTheUpdate_andAdamWIgnoresAConstantOne() throws Exception {
        double[] norm = new double[1];
        double[] given = new double[1];
        float[] plain = trainedWith(null, norm);
        float[] constant = trainedWith((step, n) -> {
            given[0] = n;
            return 10.0;
        }, norm);
        assertEquals(norm[0], given[0], 1e-9, "the scale sees the step's raw norm");
        float[] alternating = trainedWith((step, n) -> step % 2 == 0 ? 1.0 : 10.0, norm);
        double constantDiff = 0;
        double alternatingDiff = 0;
        for (int i = 0; i < plain.length; i++) {
            constantDiff = Math.max(constantDiff, Math.abs(plain[i] - constant[i]));
            alternatingDiff = Math.max(alternatingDiff, Math.abs(plain[i] - alternating[i]));
        }
        assertTrue(constantDiff < 1e-5, "a constant factor moved a weight by " + constantDiff);
        assertTrue(alternatingDiff > 1e-3, "weighting odd steps 10x changed no weight by more than " + alternatingDiff);
    }

    @Test
    void aGradientScaleThatIsNotAPositiveNumber_isAnError() throws Exception {
        double[] norm = new double[1];
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> trainedWith((step, n) -> step == 4 ? Double.NaN : 1.0, norm));
        assertTrue(e.getMessage().contains("step 4") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void schedule_warmsUpLinearlyThenDecaysToTheMinimum() {
        TrainingConfig c = TrainingConfig.reference(100, 1e-3, 0);
        assertEquals(1e-3 / 5, LearningRateSchedule.at(0, c), 1e-12);
        assertEquals(1e-3, LearningRateSchedule.at(4, c), 1e-12);
        assertEquals(1e-4, LearningRateSchedule.at(99, c), 1e-12);
        assertTrue(LearningRateSchedule.at(50, c) < 1e-3 && LearningRateSchedule.at(50, c) > 1e-4);
    }

    @Test
    void aTimeBudget_endsTheRunWhenSpent_withTheLearningRateAtItsMinimum() throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(32, 16, 1, 2, 16);
        TrainingConfig tc = new TrainingConfig(Integer.MAX_VALUE, 1e-3, 1e-4, 5, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 3);
        java.util.List<StepMetrics> seen = new java.util.ArrayList<>();
        try (DecoderModel model = DecoderModel.create(cfg, 1, Device.cpu());
                TokenLoss loss = new TokenLoss(VocabularyLayout.plain("bytes", 32), model.manager());
                NDManager scratch = model.manager().newSubManager();
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            assertThrows(IllegalArgumentException.class, () -> loop.timeBudget(-1));
            // the budget is some 40 steps of this machine at its current load, measured after a warm-up (a fixed
            // second held only 4 steps on a loaded machine, too few for the schedule's shape)
            double stepSeconds;
            try (TrainingLoop warm = new TrainingLoop(model, new TrainingConfig(8, 1e-3, 1e-4, 2, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 3))) {
                warm.run((step, micro) -> loss.loss(model, randomBatch(step, 32), scratch));
                long t0 = System.nanoTime();
                try (TrainingLoop timed = new TrainingLoop(model, new TrainingConfig(4, 1e-3, 1e-4, 1, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 3))) {
                    timed.run((step, micro) -> loss.loss(model, randomBatch(step, 32), scratch));
                }
                stepSeconds = (System.nanoTime() - t0) / 4e9;
            }
            double budget = Math.max(1.0, 40 * stepSeconds);
            loop.timeBudget(budget).listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    seen.add(m);
                }
            });
            TrainingResult r = loop.run((step, micro) -> loss.loss(model, randomBatch(step, 32), scratch));
            assertTrue(r.steps() > 5 && r.steps() < Integer.MAX_VALUE, "steps " + r.steps());
            assertTrue(r.seconds() >= budget, "stopped at " + r.seconds() + " s of " + budget);
            StepMetrics last = seen.get(seen.size() - 1);
            assertEquals(r.steps(), last.totalSteps(), "the last step reports the run's real length");
            // the rate of a step is the cosine at the time it starts, just after the step before it ended (how
            // close to the minimum the last one gets depends on how long a step takes on this machine)
            StepMetrics before = seen.get(seen.size() - 2);
            double fraction = before.elapsedSeconds() / budget;
            assertTrue(fraction >= 0.5, "the run ended early: last step started after " + fraction + " of the budget");
            assertEquals(LearningRateSchedule.at(last.step(), fraction, tc), last.learningRate(), 1e-5,
                    "the cosine follows the clock");
            assertTrue(last.learningRate() < seen.get(seen.size() / 2).learningRate(), "the rate decays with time");
            assertTrue(seen.get(6).learningRate() > 5e-4, "early steps near the peak: " + seen.get(6).learningRate());
        }
    }

    /** Trains a small decoder for {@code tc.checkpointEvery()} steps and leaves its checkpoint in {@code ckpt}. */
    private static void checkpointAfterSix(ModelConfig cfg, TrainingConfig tc, Path ckpt) throws Exception {
        VocabularyLayout layout = VocabularyLayout.plain("bytes", cfg.vocabSize());
        try (DecoderModel model = DecoderModel.create(cfg, 4, Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                TrainingLoop loop = new TrainingLoop(model, tc).checkpointTo(ckpt).identity("data", "a")) {
            assertThrows(IllegalStateException.class, () -> loop.run((step, micro) -> {
                if (step == tc.checkpointEvery()) {
                    throw new IllegalStateException("simulated crash");
                }
                return loss.loss(model, randomBatch(step * 10 + micro, cfg.vocabSize()), model.manager());
            }));
        }
    }

    private static java.util.Map<String, float[]> snapshot(DecoderModel model) {
        java.util.Map<String, float[]> m = new java.util.LinkedHashMap<>();
        model.parameters().forEach((k, a) -> m.put(k, a.toFloatArray()));
        return m;
    }

    private static void assertUnchanged(java.util.Map<String, float[]> before, DecoderModel model) {
        before.forEach((k, v) -> assertArrayEquals(v, model.parameter(k).toFloatArray(), k + " was changed"));
    }

    @Test
    void resume_refusesACheckpointWithABadOptimizerState_beforeChangingAnyWeight(@TempDir Path dir) throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(24, 16, 1, 2, 16);
        TrainingConfig tc = new TrainingConfig(12, 5e-3, 5e-4, 3, 0.1, 0.9, 0.99, 1e-8, 1.0, 1, 0, 6, 3);
        Path ckpt = dir.resolve("run.ckpt");
        checkpointAfterSix(cfg, tc, ckpt);
        dev.tessera.core.io.Safetensors.Content c = dev.tessera.core.io.Safetensors.readFully(ckpt);
        java.util.Map<String, dev.tessera.core.io.Tensor> bad = new java.util.LinkedHashMap<>(c.tensors());
        // the weights are whole; the optimizer's last moment is cut short
        String last = bad.keySet().stream().filter(k -> k.startsWith("optim.v.")).reduce((a, b) -> b).orElseThrow();
        bad.put(last, dev.tessera.core.io.Tensor.f32(new long[] {1}, new float[] {0f}));
        Path broken = dir.resolve("broken.ckpt");
        dev.tessera.core.io.Safetensors.write(broken, bad, c.metadata());
        try (DecoderModel model = DecoderModel.create(cfg, 99, Device.cpu());
                TrainingLoop loop = new TrainingLoop(model, tc).identity("data", "a")) {
            java.util.Map<String, float[]> before = snapshot(model);
            dev.tessera.core.io.CorruptFileException e = assertThrows(dev.tessera.core.io.CorruptFileException.class,
                    () -> loop.resume(broken));
            assertTrue(e.getMessage().contains(last) && e.getMessage().contains("broken.ckpt"), e.getMessage());
            assertUnchanged(before, model);
            assertEquals(0, loop.startStep());
            // a weight that is not finite is refused the same way
            java.util.Map<String, dev.tessera.core.io.Tensor> nan = new java.util.LinkedHashMap<>(c.tensors());
            nan.put("model.wte.weight", dev.tessera.core.io.Tensor.f32(new long[] {24, 16}, filled(24 * 16, Float.NaN)));
            dev.tessera.core.io.Safetensors.write(broken, nan, c.metadata());
            e = assertThrows(dev.tessera.core.io.CorruptFileException.class, () -> loop.resume(broken));
            assertTrue(e.getMessage().contains("model.wte.weight") && e.getMessage().contains("NaN"), e.getMessage());
            assertUnchanged(before, model);
            // the untouched checkpoint still resumes
            loop.resume(ckpt);
            assertEquals(6, loop.startStep());
        }
    }

    private static float[] filled(int n, float v) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, v);
        return f;
    }

    @Test
    void resume_refusesACheckpointOfAnotherRun_beforeChangingAnyWeight(@TempDir Path dir) throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(24, 16, 1, 2, 16);
        TrainingConfig tc = new TrainingConfig(12, 5e-3, 5e-4, 3, 0.1, 0.9, 0.99, 1e-8, 1.0, 1, 0, 6, 3);
        Path ckpt = dir.resolve("run.ckpt");
        checkpointAfterSix(cfg, tc, ckpt);
        try (DecoderModel model = DecoderModel.create(cfg, 99, Device.cpu());
                TrainingLoop other = new TrainingLoop(model, tc).identity("data", "b");
                TrainingLoop longer = new TrainingLoop(model, new TrainingConfig(13, 5e-3, 5e-4, 3, 0.1, 0.9, 0.99,
                        1e-8, 1.0, 1, 0, 6, 3)).identity("data", "a")) {
            java.util.Map<String, float[]> before = snapshot(model);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.resume(ckpt));
            assertTrue(e.getMessage().contains("data = a"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> longer.resume(ckpt));
            assertTrue(e.getMessage().contains("training config"), e.getMessage());
            assertUnchanged(before, model);
        }
        try (DecoderModel wider = DecoderModel.create(ModelConfig.gpt2(24, 16, 1, 2, 32), 1, Device.cpu());
                TrainingLoop loop = new TrainingLoop(wider, tc).identity("data", "a")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.resume(ckpt));
            assertTrue(e.getMessage().contains("checkpoint is for model"), e.getMessage());
        }
    }

    @Test
    void aParameterStore_isTrainedByTheSameLoop_andResumesBitForBit(@TempDir Path dir) throws Exception {
        // least squares y = x w: no decoder, just named parameters and a loss
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[64 * 4];
        float[] y = new float[64];
        double[] truth = {0.5, -1.0, 2.0, 0.25};
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) r.nextGaussian();
                y[i] += (float) (x[i * 4 + j] * truth[j]);
            }
        }
        TrainingConfig tc = new TrainingConfig(300, 5e-2, 1e-3, 10, 0.0, 0.9, 0.99, 1e-8, 0, 1, 0, 100, 1);
        Path ckpt = dir.resolve("ls.ckpt");
        float[] straight;
        try (ParameterStore p = new ParameterStore(NDManager.newBaseManager(Device.cpu()), 3)) {
            p.normal("w", new ai.djl.ndarray.types.Shape(4, 1), 0.1);
            try (TrainingLoop loop = new TrainingLoop(p, tc)) {
                TrainingResult res = loop.run((step, micro) -> leastSquares(p, x, y));
                assertTrue(res.finalLoss() < 1e-4, "final loss " + res.finalLoss());
            }
            straight = p.get("w").toFloatArray();
            for (int j = 0; j < 4; j++) {
                assertEquals(truth[j], straight[j], 1e-2, "w[" + j + "]");
            }
        }
        try (ParameterStore p = new ParameterStore(NDManager.newBaseManager(Device.cpu()), 3)) {
            p.normal("w", new ai.djl.ndarray.types.Shape(4, 1), 0.1);
            try (TrainingLoop loop = new TrainingLoop(p, tc).checkpointTo(ckpt)) {
                assertThrows(IllegalStateException.class, () -> loop.run((step, micro) -> {
                    if (step == 150) {
                        throw new IllegalStateException("simulated crash");
                    }
                    return leastSquares(p, x, y);
                }));
            }
        }
        try (ParameterStore p = new ParameterStore(NDManager.newBaseManager(Device.cpu()), 77)) {
            p.normal("w", new ai.djl.ndarray.types.Shape(4, 1), 0.1);
            try (TrainingLoop loop = new TrainingLoop(p, tc)) {
                loop.resume(ckpt);
                assertEquals(100, loop.startStep());
                loop.run((step, micro) -> leastSquares(p, x, y));
            }
            assertArrayEquals(straight, p.get("w").toFloatArray());
        }
    }

    private static ai.djl.ndarray.NDArray leastSquares(ParameterStore p, float[] x, float[] y) {
        NDManager m = p.manager();
        ai.djl.ndarray.NDArray xs = dev.tessera.core.util.NativeArrays.floats(m, x, new ai.djl.ndarray.types.Shape(64, 4));
        ai.djl.ndarray.NDArray ys = dev.tessera.core.util.NativeArrays.floats(m, y, new ai.djl.ndarray.types.Shape(64, 1));
        return xs.matMul(p.get("w")).sub(ys).square().mean();
    }
}
