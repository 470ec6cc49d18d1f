package dev.tessera.samples.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.SimulatedKill;
import dev.tessera.core.util.EngineThreads;
import dev.tessera.timeseries.eval.Benchmark;
import dev.tessera.timeseries.forecast.ForecastMode;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchModelConfig;
import dev.tessera.timeseries.forecast.PretrainConfig;
import dev.tessera.timeseries.forecast.WeightQuantization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecast-eval}'s training, killed after a checkpoint and resumed, scores as an uninterrupted run. */
class ForecastEvaluationResumeTest {
    private static final int STEPS = 20;

    @TempDir
    static Path dir;
    private static Path data;

    @BeforeAll
    static void writeSeries() throws Exception {
        data = Files.createDirectories(dir.resolve("series"));
        StringBuilder manifest = new StringBuilder("name,file,frequency,period,horizon,time_column\n");
        for (int s = 0; s < 3; s++) {
            manifest.append("s").append(s).append(",s").append(s).append(".csv,monthly,12,12,date\n");
            StringBuilder csv = new StringBuilder("date,value\n");
            LocalDate d = LocalDate.of(2000, 1, 1);
            for (int t = 0; t < 120; t++, d = d.plusMonths(1)) {
                double v = 10 + s + 3 * Math.sin(2 * Math.PI * t / 12) + 0.05 * t + 0.3 * Math.cos(t * 1.7 + s);
                csv.append(d).append(',').append(v).append('\n');
            }
            Files.writeString(data.resolve("s" + s + ".csv"), csv);
        }
        Files.writeString(data.resolve("manifest.csv"), manifest);
    }

    private static ForecastEvaluation.Options options(Path saveModel, Checkpoints cp, long seed) {
        return new ForecastEvaluation.Options(data, ForecastEvaluation.Source.TRAINED, null, PatchModelConfig.small(),
                new PretrainConfig(STEPS, 8, 3e-3, 20, 96, 0.5, 0.2, seed), ForecastMode.RAW, 8, saveModel,
                WeightQuantization.Scheme.FP32, 32, false, 0, cp);
    }

    private static Map<String, float[]> weights(Path model) throws Exception {
        try (PatchForecastModel m = PatchForecastModel.load(model)) {
            Map<String, float[]> w = new LinkedHashMap<>();
            m.backbone().parameters().forEach((k, a) -> w.put(k, a.toFloatArray()));
            return w;
        }
    }

    @Test
    void aTrainingKilledAfterACheckpoint_resumesToTheWeightsAndScoresOfAnUninterruptedRun() throws Exception {
        Path straight = dir.resolve("straight.tessera");
        ForecastEvaluation.Report whole = EngineThreads.with(1,
                () -> ForecastEvaluation.run(options(straight, Checkpoints.NONE, 5), line -> { }));
        Path ckpt = dir.resolve("run.ckpt");
        Path resumedModel = dir.resolve("resumed.tessera");
        assertThrows(SimulatedKill.Killed.class, () -> EngineThreads.with(1, () -> ForecastEvaluation.run(
                options(resumedModel, new Checkpoints(ckpt, 10, null), 5), line -> { }, new SimulatedKill(10))));
        assertFalse(Files.exists(resumedModel), "the killed run saved no model");
        ForecastEvaluation.Report resumed = EngineThreads.with(1, () -> ForecastEvaluation.run(
                options(resumedModel, new Checkpoints(ckpt, 10, ckpt), 5), line -> { }));
        Map<String, float[]> want = weights(straight);
        Map<String, float[]> got = weights(resumedModel);
        assertEquals(want.keySet(), got.keySet());
        want.forEach((k, v) -> assertArrayEquals(v, got.get(k), "parameter " + k));
        assertEquals(whole.trainLoss(), resumed.trainLoss(), 0.0);
        Benchmark.Result a = whole.result();
        Benchmark.Result b = resumed.result();
        assertEquals(a.relativeMase(), b.relativeMase(), 0.0);
        assertEquals(a.relativeWql(), b.relativeWql(), 0.0);
        for (int i = 0; i < a.rows().size(); i++) {
            assertArrayEquals(a.rows().get(i).forecast().mean(), b.rows().get(i).forecast().mean(), 0.0, "series " + i);
        }
        assertTrue(Double.isFinite(a.relativeMase()) && a.rows().size() == 3, "three series scored");
    }

    @Test
    void resumingWithAnotherSeedOrOtherSeries_isRefusedBeforeTraining() throws Exception {
        Path ckpt = dir.resolve("other.ckpt");
        EngineThreads.with(1, () -> ForecastEvaluation.run(options(null, new Checkpoints(ckpt, 10, null), 5),
                line -> { }));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForecastEvaluation.run(
                options(null, new Checkpoints(ckpt, 10, ckpt), 6), line -> { }));
        assertTrue(e.getMessage().contains("pretrain"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForecastEvaluation.run(new ForecastEvaluation.Options(
                data, ForecastEvaluation.Source.TRAINED, null, PatchModelConfig.small(),
                new PretrainConfig(STEPS, 8, 3e-3, 20, 96, 0.5, 0.2, 5), ForecastMode.RAW, 8, null,
                WeightQuantization.Scheme.FP32, 32, true, 0, new Checkpoints(ckpt, 10, ckpt)), line -> { }));
        assertTrue(e.getMessage().contains("real_series_sha256"), "a backtest trains on other series: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ForecastEvaluation.Options(data,
                ForecastEvaluation.Source.PRETRAINED, null, PatchModelConfig.small(),
                new PretrainConfig(STEPS, 8, 3e-3, 20, 96, 0.5, 0.2, 5), ForecastMode.RAW, 8, null,
                WeightQuantization.Scheme.FP32, 32, false, 0, new Checkpoints(ckpt, 10, ckpt)));
        assertTrue(e.getMessage().contains("nothing is trained"), e.getMessage());
    }
}
