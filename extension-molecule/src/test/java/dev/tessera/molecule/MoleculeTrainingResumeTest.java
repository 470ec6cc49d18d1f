package dev.tessera.molecule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.util.EngineThreads;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code molecule-eval}'s training, killed after a checkpoint and resumed, scores as an uninterrupted run. */
class MoleculeTrainingResumeTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** Fails with this right after the checkpoint of step 10, as a kill -9 between two steps would. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @TempDir
    Path dir;

    private MoleculeTraining.Options options(Path root, int batch, Checkpoints cp) {
        MoleculeTask.Options t = MoleculeTask.Options.standard().withDataRoot(root).withSamplesPerClass(2, 2);
        return new MoleculeTraining.Options(t, ModelConfig.gpt2(2, 2, 1, 2, 32),
                batch, 20, 3e-3, 5, true, dir.resolve("out"), List.of(), cp);
    }

    @Test
    void aTrainingKilledAfterACheckpoint_resumesToTheScoresOfAnUninterruptedRun() throws Exception {
        Path root = MoleculeTaskTest.tinyFolder(dir.resolve("data"));
        MoleculeTraining.Result whole = EngineThreads.with(1, () -> MoleculeTraining.run(options(root, 4,
                Checkpoints.NONE), QUIET));
        Path ckpt = dir.resolve("molecule.ckpt");
        TrainingListener kill = new TrainingListener() {
            @Override
            public void onCheckpoint(long step, Path path) {
                if (step == 10) {
                    throw new Killed();
                }
            }
        };
        assertThrows(Killed.class, () -> EngineThreads.with(1, () -> MoleculeTraining.run(options(root, 4,
                new Checkpoints(ckpt, 10, null)), QUIET, kill)));
        MoleculeTraining.Result resumed = EngineThreads.with(1, () -> MoleculeTraining.run(options(root, 4,
                new Checkpoints(ckpt, 10, ckpt)), QUIET));
        assertEquals(whole.trainLoss(), resumed.trainLoss(), 0.0, "the mean of the last losses");
        assertEquals(whole.score().score(), resumed.score().score(), 0.0);
        java.util.Map<String, Object> want = new java.util.HashMap<>(whole.score().details());
        java.util.Map<String, Object> got = new java.util.HashMap<>(resumed.score().details());
        want.remove("eval_seconds");
        got.remove("eval_seconds");
        assertEquals(want, got, "validity, uniqueness, novelty, composition and the samples");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MoleculeTraining.run(
                options(root, 5, new Checkpoints(ckpt, 10, ckpt)), QUIET));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
    }
}
