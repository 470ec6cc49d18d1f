package dev.tessera.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.timeseries.eval.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Calibration statistics for GPTQ on the patch forecaster, and GPTQ's effect on the forecasts. */
class InputHessiansTest {

    private static List<double[]> series(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double[] v = new double[96];
            double phase = r.nextDouble() * 6;
            for (int t = 0; t < v.length; t++) {
                v[t] = 10 + 3 * Math.sin(phase + t * 2 * Math.PI / 12) + 0.05 * t + r.nextGaussian() * 0.3;
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void hessiansCoverEveryBlockMatrix_areSymmetric_andHaveAPositiveDiagonal() {
        try (PatchForecastModel model = PatchForecastModel.create(
                new PatchModelConfig(8, 16, PatchModelConfig.patchBackbone(8, 2, 4, 48), Metrics.WQL_LEVELS), 3)) {
            Map<String, double[]> hs = InputHessians.collect(model, series(6, 1), "");
            assertEquals(4 * 2, hs.size(), hs.keySet().toString());
            for (Map.Entry<String, double[]> e : hs.entrySet()) {
                int n = (int) Math.round(Math.sqrt(e.getValue().length));
                assertEquals(model.backbone().parameter(e.getKey()).getShape().get(1), n, e.getKey());
                double[] h = e.getValue();
                for (int i = 0; i < n; i++) {
                    assertTrue(h[i * n + i] > 0, e.getKey() + " diagonal " + i);
                    for (int j = 0; j < i; j++) {
                        assertEquals(h[i * n + j], h[j * n + i], 1e-6 * Math.abs(h[i * n + i]) + 1e-9,
                                e.getKey() + " (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }
}
