package dev.tessera.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.SimulatedKill;
import dev.tessera.core.util.EngineThreads;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecast-pretrain}'s recipe, killed after a checkpoint and resumed, ends with an uninterrupted run's weights. */
class PretrainRecipeResumeTest {
    private static PretrainRecipe recipe(int syntheticSeries) {
        return new PretrainRecipe(PatchModelConfig.small(),
                new PretrainConfig(20, 8, 3e-3, syntheticSeries, 96, 0, 0.2, 5, 0.45));
    }

    @Test
    void aRunKilledAfterACheckpoint_resumesToTheWeightsOfAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("pretrain.ckpt");
        PretrainRecipe r = recipe(20);
        PretrainRecipe.Trained whole = EngineThreads.with(1, () -> r.train(line -> { }));
        try (PatchForecastModel want = whole.model()) {
            try (PatchForecastModel killed = PatchForecastModel.create(r.model(), r.training().seed())) {
                assertThrows(SimulatedKill.Killed.class, () -> EngineThreads.with(1, () -> PatchForecasterTrainer.train(
                        killed, r.training(), PatchForecasterTrainer.syntheticPool(r.training()), java.util.List.of(),
                        null, new Checkpoints(ckpt, 10, null), new SimulatedKill(10))));
            }
            PretrainRecipe.Trained resumed = EngineThreads.with(1, () -> r.train(line -> { },
                    new Checkpoints(ckpt, 10, ckpt)));
            try (PatchForecastModel got = resumed.model()) {
                want.backbone().parameters().forEach((k, p) -> assertArrayEquals(p.toFloatArray(),
                        got.backbone().parameter(k).toFloatArray(), "parameter " + k));
                assertEquals(whole.finalLoss(), resumed.finalLoss(), 0.0);
            }
        }
        // another recipe's checkpoint is refused, naming the config that differs
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recipe(21).train(line -> { }, new Checkpoints(ckpt, 10, ckpt)));
        assertTrue(e.getMessage().contains("pretrain"), e.getMessage());
    }
}
