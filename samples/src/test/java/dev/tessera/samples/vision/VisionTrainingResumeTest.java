package dev.tessera.samples.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.SimulatedKill;
import dev.tessera.core.util.EngineThreads;
import dev.tessera.vision.kmeans.PatchCodebook;
import dev.tessera.vision.task.ImageSampling;
import dev.tessera.vision.task.VisionLanguageModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vision-eval}'s backbone training, killed after a checkpoint and resumed, ends as an uninterrupted run. */
class VisionTrainingResumeTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final List<String> LABELS = List.of("shirt", "boot", "bag");
    private static final int IMAGES = 40;

    @TempDir
    Path dir;

    private static PatchCodebook codec() {
        SplittableRandom r = new SplittableRandom(2);
        float[] c = new float[16 * 16];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextDouble();
        }
        return new PatchCodebook(28, 1, 4, 16, c);
    }

    private static int[][] grids(PatchCodebook codec, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[IMAGES * 28 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble();
        }
        return codec.tokenize(px, IMAGES);
    }

    private static List<String> texts() {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            t.add(LABELS.get(i % LABELS.size()));
        }
        return t;
    }

    private static VisionEvaluation.Budget budget() {
        return new VisionEvaluation.Budget(0, 20, 4, 10, 2, VisionEvaluation.Budget.backbone(1, 2, 16), 3e-3, 0.5,
                new ImageSampling(0.7, 8, 0), 5, new double[] {1});
    }

    private static VisionLanguageModel train(int[][] grids, Checkpoints cp, SimulatedKill... kill) throws Exception {
        return EngineThreads.with(1, () -> VisionEvaluation.train(codec(), LABELS, texts(), grids, IMAGES - 8, budget(),
                4, QUIET, cp, kill));
    }

    @Test
    void aTrainingKilledAfterACheckpoint_resumesToTheWeightsAndCaptionsOfAnUninterruptedRun() throws Exception {
        int[][] grids = grids(codec(), 1);
        Path ckpt = dir.resolve("vision.ckpt");
        try (VisionLanguageModel whole = train(grids, Checkpoints.NONE)) {
            assertThrows(SimulatedKill.Killed.class, () -> train(grids, new Checkpoints(ckpt, 10, null),
                    new SimulatedKill(10)));
            try (VisionLanguageModel resumed = train(grids, new Checkpoints(ckpt, 10, ckpt))) {
                whole.model().parameters().forEach((k, p) -> assertArrayEquals(p.toFloatArray(),
                        resumed.model().parameter(k).toFloatArray(), "parameter " + k));
                assertEquals(whole.caption(grids), resumed.caption(grids));
                assertTrue(whole.caption(grids).stream().allMatch(LABELS::contains));
            }
        }
    }

    @Test
    void resumingOnOtherImages_isRefused() throws Exception {
        Path ckpt = dir.resolve("other.ckpt");
        assertThrows(SimulatedKill.Killed.class, () -> train(grids(codec(), 1), new Checkpoints(ckpt, 10, null),
                new SimulatedKill(10)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(grids(codec(), 2), new Checkpoints(ckpt, 10, ckpt)).close());
        assertTrue(e.getMessage().contains("codes_sha256"), e.getMessage());
    }
}
