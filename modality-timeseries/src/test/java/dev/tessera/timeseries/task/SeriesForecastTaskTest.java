package dev.tessera.timeseries.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesForecastTaskTest {
    private static final String S = SeriesTokens.SERIES;

    @Test
    void examplesAreFramedWithTheLossOnTheHorizonOnly(@TempDir Path dir) {
        SeriesForecastTask task = new SeriesForecastTask();
        task.prepare(TaskFixtures.context(dir));
        VocabularyLayout layout = TaskFixtures.layout();
        SplittableRandom rng = new SplittableRandom(5);
        int c = SeriesForecastTask.CONTEXT;
        int h = SeriesForecastTask.HORIZON;
        for (int k = 0; k < 20; k++) {
            TaskExample e = task.sample(layout, rng);
            int[] ids = e.ids();
            assertEquals(task.maxLength(), ids.length);
            assertTrue(task.maxLength() <= 160);
            assertEquals(layout.bos(), ids[0]);
            assertEquals(layout.begin(S), ids[1]);
            assertEquals(layout.end(S), ids[2 + c]);
            assertEquals(layout.begin(S), ids[3 + c]);
            assertEquals(layout.end(S), ids[4 + c + h]);
            assertEquals(layout.eos(), ids[ids.length - 1]);
            float[] w = e.weights();
            // weights[t] scores ids[t + 1]: BEGIN and the first value (nothing to forecast it from) are
            // out; every later value, context and horizon, and the framing after them are in
            for (int t = 0; t < w.length; t++) {
                assertEquals(t >= 2 ? 1f : 0f, w[t], "weight " + t);
            }
        }
    }

    @Test
    void theAnswerSegmentDecodesToTheSeriesWithinABin() {
        VocabularyLayout layout = TaskFixtures.layout();
        int c = SeriesForecastTask.CONTEXT;
        int h = SeriesForecastTask.HORIZON;
        double[] v = new double[c + h];
        for (int t = 0; t < v.length; t++) {
            v[t] = 50 + 0.3 * t + 8 * Math.sin(t / 3.0);
        }
        int[] ids = SeriesForecastTask.example(layout, v).ids();
        double scale = SeriesTokens.scale(Arrays.copyOf(v, c));
        int[] local = new int[h];
        for (int i = 0; i < h; i++) {
            local[i] = layout.toLocal(S, ids[4 + c + i]);
        }
        double[] back = SeriesTokens.decode(local, scale);
        double bin = SeriesTokens.BINS.binWidth() * scale;
        for (int i = 0; i < h; i++) {
            assertTrue(Math.abs(back[i] - v[c + i]) <= bin / 2 + 1e-9, "step " + i + ": " + back[i] + " vs " + v[c + i]);
        }
    }

    @Test
    void heldOutSeriesDifferFromTrainingDraws() {
        SeriesForecastTask task = new SeriesForecastTask();
        var eval = task.evaluationSet(11, true);
        assertEquals(60, eval.size());
        VocabularyLayout layout = TaskFixtures.layout();
        SplittableRandom rng = new SplittableRandom(11);
        int[] first = task.sample(layout, rng).ids();
        for (var it : eval) {
            double scale = SeriesTokens.scale(Arrays.copyOf(it.values(), SeriesForecastTask.CONTEXT));
            int[] ctx = SeriesTokens.encode(Arrays.copyOf(it.values(), SeriesForecastTask.CONTEXT), scale);
            int[] have = new int[ctx.length];
            for (int i = 0; i < ctx.length; i++) {
                have[i] = layout.toLocal(S, first[2 + i]);
            }
            assertTrue(!Arrays.equals(ctx, have));
        }
    }

    @Test
    void evaluatingAnUntrainedModelGivesAFiniteScoreAndAPlot(@TempDir Path dir) throws Exception {
        SeriesForecastTask task = new SeriesForecastTask(12);
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = TaskFixtures.tinyModel(layout)) {
            float before = model.parameters().values().iterator().next().toFloatArray()[0];
            TaskScore s = task.evaluate(model, layout, TaskFixtures.context(dir));
            assertEquals("relative_mase", s.metric());
            assertTrue(Double.isFinite(s.score()) && s.score() > 0, "score " + s.score());
            assertTrue(!s.higherIsBetter());
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
        try (DecoderModel model = TaskFixtures.tinyModel(layout)) {
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
        try (DecoderModel model = TaskFixtures.tinyModel(layout)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> RealSeriesCheck.run(model, layout, dir, dir.resolve("x.png")));
            assertTrue(e.getMessage().contains("far") && e.getMessage().contains("horizon"), e.getMessage());
        }
    }
}
