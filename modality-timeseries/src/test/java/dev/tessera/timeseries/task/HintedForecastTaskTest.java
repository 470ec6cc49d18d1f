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

class HintedForecastTaskTest {

    @Test
    void examplesHoldTheHintTheContextAndTheHorizon(@TempDir Path dir) throws Exception {
        HintedForecastTask task = new HintedForecastTask();
        task.prepare(TaskFixtures.context(dir));
        VocabularyLayout layout = TaskFixtures.layout();
        SplittableRandom rng = new SplittableRandom(2);
        for (int k = 0; k < 30; k++) {
            TaskExample e = task.sample(layout, rng);
            int[] ids = e.ids();
            assertTrue(ids.length <= task.maxLength() && task.maxLength() <= 160);
            assertEquals(layout.bos(), ids[0]);
            assertEquals(layout.begin(SeriesTokens.TEXT), ids[1]);
            int endText = 2;
            while (ids[endText] != layout.end(SeriesTokens.TEXT)) {
                endText++;
            }
            int[] hint = Arrays.stream(Arrays.copyOfRange(ids, 2, endText))
                    .map(g -> layout.toLocal(SeriesTokens.TEXT, g)).toArray();
            String h = SeriesTokens.text(hint);
            assertTrue(h.matches("seasonal period (4|5|6|7|8|9|10|12)"), h);
            int c = HintedForecastTask.CONTEXT;
            assertEquals(layout.begin(SeriesTokens.SERIES), ids[endText + 1]);
            assertEquals(layout.end(SeriesTokens.SERIES), ids[endText + 2 + c]);
            int answer = endText + 4 + c;
            assertEquals(layout.begin(SeriesTokens.SERIES), ids[answer - 1]);
            assertEquals(ids.length, answer + HintedForecastTask.HORIZON + 2);
            assertEquals(layout.eos(), ids[ids.length - 1]);
            float[] w = e.weights();
            for (int t = 0; t < w.length; t++) {
                // the hint is given, not predicted; the series from its second value on is
                assertEquals(t >= endText + 2 ? 1f : 0f, w[t], "weight " + t);
            }
        }
    }

    @Test
    void evaluatingAnUntrainedModelComparesTrueAndWrongHints(@TempDir Path dir) throws Exception {
        HintedForecastTask task = new HintedForecastTask(12);
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = TaskFixtures.tinyModel(layout)) {
            TaskScore s = task.evaluate(model, layout, TaskFixtures.context(dir));
            assertTrue(Double.isFinite(s.score()) && s.score() > 0, "score " + s.score());
            double wrong = ((Number) s.details().get("relative_mase_wrong_hint")).doubleValue();
            double follows = ((Number) s.details().get("follows_hint")).doubleValue();
            assertTrue(Double.isFinite(wrong) && wrong > 0);
            assertTrue(follows >= 0 && follows <= 1);
            assertTrue(Files.size(dir.resolve(s.files().get(0))) > 1000);
        }
    }

    @Test
    void naiveErrorAndMaeFollowTheirFormulas() {
        int c = HintedForecastTask.CONTEXT;
        double[] v = new double[c + HintedForecastTask.HORIZON];
        for (int t = 0; t < v.length; t++) {
            v[t] = t % 4;
        }
        // period-4 seasonal naive repeats the pattern exactly; period 5 is off by 1 on 3 of every 4 steps
        assertEquals(1e-9, HintedForecastTask.naiveMae(v, 4), 1e-12);
        double[] flat = new double[HintedForecastTask.HORIZON];
        assertEquals(1.5, HintedForecastTask.mae(flat, v, c), 1e-12);
    }
}
