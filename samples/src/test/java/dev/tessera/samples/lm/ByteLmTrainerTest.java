package dev.tessera.samples.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.util.EngineThreads;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train-text}'s trainer: the same seed gives the same weights, and a killed run resumes to them. */
class ByteLmTrainerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final ModelConfig SMALL = ByteLmTrainer.Options.byteModel(Architecture.MODERN, 32, 2, 2, 32);
    private static final int STEPS = 24;

    @TempDir
    static Path dir;
    private static Path text;

    @BeforeAll
    static void writeText() throws Exception {
        String[] words = {"the", "whale", "sea", "ship", "call", "me", "and", "of", "a", "white", "captain", "deck"};
        SplittableRandom r = new SplittableRandom(1);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 40_000) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(9) == 0 ? ".\n" : " ");
        }
        text = Files.writeString(dir.resolve("corpus.txt"), sb.toString());
    }

    private static ByteLmTrainer.Options options(Path out, Checkpoints cp) {
        return new ByteLmTrainer.Options(text, SMALL, 4, STEPS, 3e-3, 7, out, null, cp);
    }

    private static Map<String, float[]> weights(Path bundle) throws Exception {
        try (ModelBundle b = ModelBundle.load(bundle)) {
            Map<String, float[]> w = new LinkedHashMap<>();
            b.model().parameters().forEach((k, a) -> w.put(k, a.toFloatArray()));
            return w;
        }
    }

    private static void assertSameWeights(Map<String, float[]> want, Map<String, float[]> got, String what) {
        assertEquals(want.keySet(), got.keySet(), what);
        want.forEach((k, v) -> assertArrayEquals(v, got.get(k), what + ": parameter " + k));
    }

    @Test
    void threeSeededOneThreadRuns_giveBitIdenticalWeights() throws Exception {
        Map<String, float[]> first = null;
        for (int run = 1; run <= 3; run++) {
            Path out = dir.resolve("repro" + run + ".tessera");
            EngineThreads.with(1, () -> ByteLmTrainer.run(options(out, Checkpoints.NONE), QUIET));
            Map<String, float[]> w = weights(out);
            if (first == null) {
                first = w;
            } else {
                assertSameWeights(first, w, "run " + run);
            }
        }
    }

    @Test
    void aRunKilledAfterACheckpoint_resumesToTheWeightsOfAnUninterruptedRun() throws Exception {
        Path straight = dir.resolve("straight.tessera");
        ByteLmTrainer.Result whole = EngineThreads.with(1, () -> ByteLmTrainer.run(options(straight, Checkpoints.NONE),
                QUIET));
        Path ckpt = dir.resolve("run.ckpt");
        Path out = dir.resolve("resumed.tessera");
        // the crash comes right after the checkpoint of step 16, as a kill -9 would between two steps
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onCheckpoint(long step, Path path) {
                if (step == 16) {
                    throw new IllegalStateException("killed (simulated)");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> EngineThreads.with(1,
                () -> ByteLmTrainer.run(options(out, new Checkpoints(ckpt, 8, null)), QUIET, crash)));
        assertFalse(Files.exists(out), "the killed run saved no bundle");
        // a write killed half way leaves a temporary; the next checkpoint removes it
        Path stale = Files.writeString(dir.resolve(".run.ckpt.4242.tmp"), "half a checkpoint");
        ByteLmTrainer.Result resumed = EngineThreads.with(1,
                () -> ByteLmTrainer.run(options(out, new Checkpoints(ckpt, 8, ckpt)), QUIET));
        assertFalse(Files.exists(stale));
        assertSameWeights(weights(straight), weights(out), "resumed run");
        assertEquals(whole.trainLoss(), resumed.trainLoss(), 0.0, "the mean of the last 20 losses");
        assertEquals(whole.valLossNats(), resumed.valLossNats(), 0.0);
    }

    @Test
    void resumingWithOtherDataOrOptions_isRefused() throws Exception {
        Path ckpt = dir.resolve("other.ckpt");
        EngineThreads.with(1, () -> ByteLmTrainer.run(new ByteLmTrainer.Options(text, SMALL, 4, 8, 3e-3, 7, null, null,
                new Checkpoints(ckpt, 4, null)), QUIET));
        Path otherText = Files.writeString(dir.resolve("other.txt"), Files.readString(text).replace('e', 'o'));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteLmTrainer.run(
                new ByteLmTrainer.Options(otherText, SMALL, 4, 8, 3e-3, 7, null, null, new Checkpoints(ckpt, 4, ckpt)),
                QUIET));
        assertTrue(e.getMessage().contains("data_sha256"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ByteLmTrainer.run(
                new ByteLmTrainer.Options(text, SMALL, 5, 8, 3e-3, 7, null, null, new Checkpoints(ckpt, 4, ckpt)), QUIET));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ByteLmTrainer.run(
                new ByteLmTrainer.Options(text, SMALL, 4, 8, 3e-3, 8, null, null, new Checkpoints(ckpt, 4, ckpt)), QUIET));
        assertTrue(e.getMessage().contains("training config"), e.getMessage());
    }
}
