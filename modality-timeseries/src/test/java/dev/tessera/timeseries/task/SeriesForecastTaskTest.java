package dev.tessera.timeseries.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesForecastTaskTest {
    private static final String P = SeriesForecastTask.MODALITY;

    private static DecoderModel trainedShape(VocabularyLayout layout) {
        return TaskFixtures.tinyPatchModel(layout);
    }

    /** Zeroes the quantile head's output layer: the backbone's path then adds nothing to the forecast. */
    private static void zeroHead(DecoderModel model) {
        for (String p : List.of("w2", "b2", "skip")) {
            model.parameter(P + ".head." + p).muli(0f);
        }
    }

    @Test
    void theTokenView_isTheFramingAndOnePatchIdPerPatch_withoutTokenLoss() {
        SeriesForecastTask task = new SeriesForecastTask();
        VocabularyLayout layout = TaskFixtures.layout();
        TaskExample e = task.sample(layout, new SplittableRandom(5));
        int[] ids = e.ids();
        assertEquals(task.maxLength(), ids.length);
        assertEquals(2 + SeriesForecastTask.CONTEXT / SeriesForecastTask.PATCH_LENGTH, ids.length);
        assertEquals(layout.bos(), ids[0]);
        assertEquals(layout.begin(P), ids[1]);
        for (int t = 2; t < ids.length; t++) {
            assertEquals(layout.toGlobal(P, 0), ids[t], "position " + t);
        }
        for (float w : e.weights()) {
            assertEquals(0f, w);
        }
    }

    @Test
    void theLoss_isAFiniteScalar_thatTrainingOnOneBatchLowers(@TempDir Path dir) throws Exception {
        SeriesForecastTask task = new SeriesForecastTask();
        task.prepare(TaskFixtures.context(dir));
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = trainedShape(layout)) {
            float[] loss = TaskFixtures.descend(task, model, layout, 30, 0.01f);
            assertTrue(Float.isFinite(loss[0]) && loss[0] > 0, "loss " + loss[0]);
            assertTrue(loss[1] < 0.7 * loss[0], "AdamW steps on one batch: " + loss[0] + " -> " + loss[1]);
            assertTrue(model.parameters().containsKey(P + ".adapter.w1") && model.parameters().containsKey(P + ".head.w2"));
        }
    }

    @Test
    void aZeroHead_forecastsTheContextMean_atEveryLevel() {
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = trainedShape(layout)) {
            zeroHead(model);
            double[] ctx = new double[SeriesForecastTask.CONTEXT];
            for (int t = 0; t < ctx.length; t++) {
                ctx[t] = 40 + 3 * Math.sin(t);
            }
            double mean = Arrays.stream(ctx).average().orElseThrow();
            double[] shortCtx = Arrays.copyOf(ctx, 13);
            double shortMean = Arrays.stream(shortCtx).average().orElseThrow();
            double[][][] f = SeriesForecastTask.forecast(model, layout, List.of(ctx, shortCtx));
            assertEquals(9, f[0].length);
            for (int l = 0; l < 9; l++) {
                for (int k = 0; k < SeriesForecastTask.HORIZON; k++) {
                    assertEquals(mean, f[0][l][k], 1e-4, "level " + l + " step " + k);
                    assertEquals(shortMean, f[1][l][k], 1e-4, "short context, level " + l + " step " + k);
                }
            }
        }
    }

    @Test
    void theLinearPath_readsTheLastContextValues_rightAligned() {
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = trainedShape(layout)) {
            zeroHead(model);
            // weights that copy the value one period of 24 back: seasonal naive
            int h = SeriesForecastTask.HORIZON;
            int q = 9;
            int in = PatchSequences.LINEAR_INPUT;
            float[] w = new float[h * q * in];
            for (int k = 0; k < h; k++) {
                for (int l = 0; l < q; l++) {
                    w[(k * q + l) * in + in - 24 + k] = 1f;
                }
            }
            model.parameter(PatchSequences.CONTEXT_FORECAST.linear()).set(w);
            double[] ctx = new double[SeriesForecastTask.CONTEXT];
            for (int t = 0; t < ctx.length; t++) {
                ctx[t] = 5 + t % 24 + 0.01 * t * t;
            }
            // a context of 40 values: padding patches first, the same right alignment
            double[] shortCtx = Arrays.copyOfRange(ctx, ctx.length - 40, ctx.length);
            double[][][] f = SeriesForecastTask.forecast(model, layout, List.of(ctx, shortCtx));
            for (int k = 0; k < h; k++) {
                assertEquals(ctx[ctx.length - 24 + k], f[0][4][k], 1e-3, "step " + k);
                assertEquals(shortCtx[shortCtx.length - 24 + k], f[1][0][k], 1e-3, "short context, step " + k);
            }
        }
    }

    @Test
    void aModelWithoutTheTasksHead_isRefusedWithAClearMessage() {
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = TaskFixtures.tinyModel(layout)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SeriesForecastTask.forecast(model, layout, List.of(new double[] {1, 2, 3})));
            assertTrue(e.getMessage().contains(P) && e.getMessage().contains("series_forecast"), e.getMessage());
        }
    }

    @Test
    void heldOutSeriesDifferFromTrainingDraws(@TempDir Path dir) {
        SeriesForecastTask task = new SeriesForecastTask();
        task.prepare(TaskFixtures.context(dir));
        var eval = task.evaluationSet(11, true);
        assertEquals(60, eval.size());
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 200; k++) {
            double[] drawn = task.draw(rng);
            for (var it : eval) {
                assertTrue(!Arrays.equals(drawn, it.values()));
            }
        }
    }

    @Test
    void aContextWithoutALog_preparesTheSameData_asOneWithALog(@TempDir Path dir) {
        SeriesForecastTask quiet = new SeriesForecastTask();
        TaskContext logged = TaskFixtures.context(dir);
        quiet.prepare(new TaskContext(logged.outDir(), logged.cacheDir(), logged.quick(), logged.seed(), null));
        SeriesForecastTask loud = new SeriesForecastTask();
        loud.prepare(logged);
        assertArrayEquals(loud.draw(new SplittableRandom(5)), quiet.draw(new SplittableRandom(5)));
    }

    @Test
    void evaluatingAnUntrainedModelGivesAFiniteScoreAndAPlot(@TempDir Path dir) throws Exception {
        SeriesForecastTask task = new SeriesForecastTask(12);
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = trainedShape(layout)) {
            float before = model.parameters().values().iterator().next().toFloatArray()[0];
            TaskScore s = task.evaluate(model, layout, TaskFixtures.context(dir));
            assertEquals("relative_mase", s.metric());
            assertTrue(Double.isFinite(s.score()) && s.score() > 0, "score " + s.score());
            assertTrue(!s.higherIsBetter());
            double coverage = (double) s.details().get("interval_10_90_coverage");
            assertTrue(coverage >= 0 && coverage <= 1, "coverage " + coverage);
            assertTrue(Files.size(dir.resolve(s.files().get(0))) > 1000);
            assertEquals(before, model.parameters().values().iterator().next().toFloatArray()[0]);
        }
    }

    private static void writeSeries(Path dir, String name, int n, int horizon) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("t,value\n");
        for (int t = 0; t < n; t++) {
            csv.append(t + 1).append(',').append(20 + 5 * Math.sin(2 * Math.PI * t / 4) + 0.2 * t).append('\n');
        }
        Files.writeString(dir.resolve(name + ".csv"), csv);
        Path manifest = dir.resolve("manifest.csv");
        if (!Files.exists(manifest)) {
            Files.writeString(manifest, "name,file,frequency,period,horizon,time_column\n");
        }
        Files.writeString(manifest, name + "," + name + ".csv,quarterly,4," + horizon + ",t\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void realSeriesAreForecastZeroShot_shortHistoriesIncluded(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        writeSeries(data, "long", 200, 8);
        writeSeries(data, "short", 30, 6);
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = trainedShape(layout)) {
            Path png = dir.resolve("real.png");
            RealSeriesCheck.Result r = RealSeriesCheck.run(model, layout, data, png);
            assertEquals(2, r.series());
            assertEquals("long", r.plotted());
            assertTrue(Double.isFinite(r.relativeMase()) && r.relativeMase() > 0, "score " + r.relativeMase());
            assertTrue(Files.size(png) > 1000);
        }
    }

    @Test
    void aRealSeriesWithAHorizonLongerThanTheTasksIsRefusedByName(@TempDir Path dir) throws Exception {
        writeSeries(dir, "far", 200, SeriesForecastTask.HORIZON + 1);
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = trainedShape(layout)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> RealSeriesCheck.run(model, layout, dir, dir.resolve("x.png")));
            assertTrue(e.getMessage().contains("far") && e.getMessage().contains("horizon"), e.getMessage());
        }
    }
}
