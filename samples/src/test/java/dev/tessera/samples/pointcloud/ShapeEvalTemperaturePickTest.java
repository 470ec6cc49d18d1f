package dev.tessera.samples.pointcloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.util.EngineThreads;
import dev.tessera.pointcloud.generate.ShapeGenConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code shape-eval --pick-temperature}: the pick follows its stated rule on the validation trials. */
class ShapeEvalTemperaturePickTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final ShapeGenConfig TINY = new ShapeGenConfig(3, 1, 2, 32, 96, 20, 8, 3e-3, 4, 2, 0.5, 3);

    @Test
    void thePickedTemperature_isTheRulesChoiceAmongTheTrials_andTheScoredShapesUseIt() throws Exception {
        List<Double> candidates = List.of(0.3, 1.0, 3.0);
        ShapeEvalResult r = EngineThreads.with(1, () -> ShapeEval.run(new ShapeEval.Options(TINY, null, null, null,
                null, 0.01, QUIET, Checkpoints.NONE, candidates)));
        assertEquals(candidates, r.temperatureTrials().stream().map(ShapeEvalResult.TemperatureTrial::temperature)
                .toList());
        List<ShapeEvalResult.TemperatureTrial> qualified = r.temperatureTrials().stream()
                .filter(t -> t.classAccuracy() >= ShapeEval.PICK_MIN_ACCURACY).toList();
        ShapeEvalResult.TemperatureTrial expected = qualified.isEmpty()
                ? r.temperatureTrials().stream().max(Comparator.comparingDouble(
                        ShapeEvalResult.TemperatureTrial::classAccuracy)).orElseThrow()
                : qualified.stream().min(Comparator.comparingDouble(ShapeEvalResult.TemperatureTrial::oneNna)
                        .thenComparing(Comparator.comparingDouble(ShapeEvalResult.TemperatureTrial::cov).reversed()))
                        .orElseThrow();
        assertEquals(expected.temperature(), r.temperature(), 0.0);
        for (ShapeEvalResult.TemperatureTrial t : r.temperatureTrials()) {
            assertTrue(t.cov() > 0 && t.cov() <= 1 && t.oneNna() >= 0 && t.oneNna() <= 1, t.toString());
        }
        // without candidates the config's temperature is used and nothing is tried
        ShapeEvalResult plain = EngineThreads.with(1, () -> ShapeEval.run(new ShapeEval.Options(TINY, null, null,
                null, null, 0.01, QUIET, Checkpoints.NONE)));
        assertEquals(TINY.temperature(), plain.temperature(), 0.0);
        assertTrue(plain.temperatureTrials().isEmpty());
        assertEquals(plain.cov(), plain.setMetrics().get(0).generated().cov(), 0.0);
        assertEquals(plain.oneNna(), plain.setMetrics().get(0).generated().oneNna(), 0.0);
        assertEquals(plain.covRealVsReal(), plain.setMetrics().get(0).realVsReal().cov(), 0.0);
        // the per-class tables and the table's per-class-mean row are one computation
        SetMetricRow perClass = plain.setMetrics().get(1);
        assertEquals("chamfer_l2/per_class_mean@3", perClass.name());
        assertEquals(plain.perClassCov().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                perClass.generated().cov(), 1e-12);
        assertEquals(plain.perClassCovRealVsReal().values().stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow(), perClass.realVsReal().cov(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ShapeEval.Options(TINY, null, null, null, null, 0.01,
                QUIET, Checkpoints.NONE, List.of(0.8, 0.0)));
    }
}
