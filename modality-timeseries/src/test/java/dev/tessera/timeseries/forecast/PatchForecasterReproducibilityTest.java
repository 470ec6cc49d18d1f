package dev.tessera.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.core.util.EngineThreads;
import dev.tessera.timeseries.eval.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same seed and one engine thread give the same forecaster, bit for bit. */
class PatchForecasterReproducibilityTest {

    private static Map<String, float[]> trainOnce(List<double[]> pool) {
        try (PatchForecastModel model = PatchForecastModel.create(PatchModelConfig.small(), 3)) {
            PatchForecasterTrainer.train(model, new PretrainConfig(40, 16, 3e-3, 0, 64, 0, 0.2, 5), pool, List.of(),
                    null);
            Map<String, float[]> w = new LinkedHashMap<>();
            model.backbone().parameters().forEach((k, a) -> w.put(k, a.toFloatArray()));
            return w;
        }
    }

    @Test
    void threeSeededOneThreadRuns_giveBitIdenticalWeights() throws Exception {
        List<double[]> pool = PatchForecasterTrainer.syntheticPool(new PretrainConfig(1, 1, 1e-3, 60, 160, 0, 0, 9));
        assertEquals(60, pool.size());
        Map<String, float[]> first = EngineThreads.with(1, () -> trainOnce(pool));
        for (int run = 2; run <= 3; run++) {
            Map<String, float[]> again = EngineThreads.with(1, () -> trainOnce(pool));
            assertEquals(first.keySet(), again.keySet());
            for (String k : first.keySet()) {
                assertArrayEquals(first.get(k), again.get(k), "run " + run + ": parameter " + k);
            }
        }
        // the weights moved: the runs trained, not merely started alike
        try (PatchForecastModel fresh = PatchForecastModel.create(PatchModelConfig.small(), 3)) {
            float[] init = fresh.backbone().parameter("series.head.w2").toFloatArray();
            assertEquals(false, java.util.Arrays.equals(init, first.get("series.head.w2")));
        }
        assertEquals(Metrics.WQL_LEVELS.length, PatchModelConfig.small().levels().length);
    }
}
