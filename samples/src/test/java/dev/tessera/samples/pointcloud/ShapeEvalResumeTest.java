package dev.tessera.samples.pointcloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.SimulatedKill;
import dev.tessera.core.util.EngineThreads;
import dev.tessera.pointcloud.generate.ShapeGenConfig;
import dev.tessera.pointcloud.generate.ShapeGenerator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shape-eval}'s training, killed after a checkpoint and resumed, scores as an uninterrupted run. */
class ShapeEvalResumeTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    /** The quick budget, cut to 20 steps of 8 sequences and 4 shapes per class. */
    private static final ShapeGenConfig TINY = new ShapeGenConfig(3, 1, 2, 32, 96, 20, 8, 3e-3, 4, 2, 0.5, 3);

    @TempDir
    Path dir;

    private static ShapeEval.Options options(ShapeGenConfig c, Path save, Checkpoints cp) {
        return new ShapeEval.Options(c, null, save, null, null, 0.01, QUIET, cp);
    }

    @Test
    void aTrainingKilledAfterACheckpoint_resumesToTheWeightsAndScoresOfAnUninterruptedRun() throws Exception {
        Path straight = dir.resolve("straight.safetensors");
        ShapeEvalResult whole = EngineThreads.with(1, () -> ShapeEval.run(options(TINY, straight, Checkpoints.NONE)));
        Path ckpt = dir.resolve("shapes.ckpt");
        Path resumedFile = dir.resolve("resumed.safetensors");
        assertThrows(SimulatedKill.Killed.class, () -> EngineThreads.with(1, () -> ShapeEval.run(
                options(TINY, resumedFile, new Checkpoints(ckpt, 10, null)), new SimulatedKill(10))));
        ShapeEvalResult resumed = EngineThreads.with(1, () -> ShapeEval.run(
                options(TINY, resumedFile, new Checkpoints(ckpt, 10, ckpt))));
        try (ShapeGenerator a = ShapeGenerator.load(straight); ShapeGenerator b = ShapeGenerator.load(resumedFile)) {
            a.model().parameters().forEach((k, p) -> assertArrayEquals(p.toFloatArray(),
                    b.model().parameter(k).toFloatArray(), "parameter " + k));
        }
        assertEquals(whole.trainLoss(), resumed.trainLoss(), 0.0);
        assertEquals(whole.genClassAccuracy(), resumed.genClassAccuracy(), 0.0);
        assertEquals(whole.cov(), resumed.cov(), 0.0);
        assertEquals(whole.mmd(), resumed.mmd(), 0.0);
        assertEquals(whole.oneNna(), resumed.oneNna(), 0.0);
        assertTrue(whole.generated() > 0);
    }

    @Test
    void resumingWithOtherSettings_isRefused_butAnotherEvaluationIsNot() throws Exception {
        Path ckpt = dir.resolve("other.ckpt");
        assertThrows(SimulatedKill.Killed.class, () -> EngineThreads.with(1, () -> ShapeEval.run(
                options(TINY, null, new Checkpoints(ckpt, 10, null)), new SimulatedKill(10))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeEval.run(
                options(TINY.withTrainPerClass(5), null, new Checkpoints(ckpt, 10, ckpt))));
        assertTrue(e.getMessage().contains("shape_config"), e.getMessage());
        // the evaluation's own settings (shapes per class, temperature) may change between the two parts
        ShapeEvalResult r = EngineThreads.with(1, () -> ShapeEval.run(
                options(TINY.withEvalPerClass(3).withTemperature(0.7), null, new Checkpoints(ckpt, 10, ckpt))));
        assertTrue(r.generated() > 0);
    }
}
