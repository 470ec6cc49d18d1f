package dev.tessera.timeseries.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintedForecastTaskTest {
    private static final String P = SeriesForecastTask.MODALITY;

    @Test
    void theTokenView_holdsTheHintThenThePatchesOfTheContext(@TempDir Path dir) throws Exception {
        HintedForecastTask task = new HintedForecastTask();
        task.prepare(TaskFixtures.context(dir));
        VocabularyLayout layout = TaskFixtures.layout();
        SplittableRandom rng = new SplittableRandom(2);
        for (int k = 0; k < 30; k++) {
            TaskExample e = task.sample(layout, rng);
            int[] ids = e.ids();
            assertTrue(ids.length <= task.maxLength());
            assertEquals(layout.bos(), ids[0]);
            assertEquals(layout.begin(ByteText.NAME), ids[1]);
            int endText = 2;
            while (ids[endText] != layout.end(ByteText.NAME)) {
                endText++;
            }
            int[] hint = Arrays.stream(Arrays.copyOfRange(ids, 2, endText))
                    .map(g -> layout.toLocal(ByteText.NAME, g)).toArray();
            String h = ByteText.decode(hint);
            assertTrue(h.matches("seasonal period (4|5|6|7|8|9|10|12)"), h);
            assertEquals(layout.begin(P), ids[endText + 1]);
            int patches = HintedForecastTask.CONTEXT / SeriesForecastTask.PATCH_LENGTH;
            assertEquals(endText + 2 + patches, ids.length);
            for (int t = endText + 2; t < ids.length; t++) {
                assertEquals(layout.toGlobal(P, 0), ids[t]);
            }
            for (float w : e.weights()) {
                assertEquals(0f, w, "the loss is on the forecast, not on tokens");
            }
        }
    }

    @Test
    void theHintIsPartOfTheInput_andTheLossDescends(@TempDir Path dir) {
        HintedForecastTask task = new HintedForecastTask();
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = TaskFixtures.tinyPatchModel(layout)) {
            double[] ctx = new double[HintedForecastTask.CONTEXT];
            for (int t = 0; t < ctx.length; t++) {
                ctx[t] = 10 + Math.sin(2 * Math.PI * t / 7);
            }
            List<double[]> f = HintedForecastTask.forecast(model, layout,
                    List.of(HintedForecastTask.hint(7), HintedForecastTask.hint(4)), List.of(ctx, ctx));
            assertEquals(HintedForecastTask.HORIZON, f.get(0).length);
            assertTrue(!Arrays.equals(f.get(0), f.get(1)), "another hint, the same forecast");
            float[] loss = TaskFixtures.descend(task, model, layout, 30, 0.01f);
            assertTrue(loss[1] < 0.7 * loss[0], "AdamW steps on one batch: " + loss[0] + " -> " + loss[1]);
        }
    }

    @Test
    void eachForecastingTaskTrainsItsOwnOutput_andBothTheSharedAdapter() {
        VocabularyLayout layout = TaskFixtures.layout();
        String[] context = {P + ".head.w1", P + ".head.w2", P + ".linear.w"};
        String[] hinted = {P + ".hinted.head.w1", P + ".hinted.head.w2", P + ".hinted.linear.w"};
        try (DecoderModel model = TaskFixtures.tinyPatchModel(layout)) {
            java.util.Map<String, Double> h = TaskFixtures.gradientMass(new HintedForecastTask(), model, layout);
            java.util.Map<String, Double> s = TaskFixtures.gradientMass(new SeriesForecastTask(), model, layout);
            for (int i = 0; i < context.length; i++) {
                assertEquals(0.0, h.get(context[i]), "the hinted forecast moved " + context[i]);
                assertTrue(h.get(hinted[i]) > 0, hinted[i]);
                assertEquals(0.0, s.get(hinted[i]), "the context forecast moved " + hinted[i]);
                assertTrue(s.get(context[i]) > 0, context[i]);
            }
            assertTrue(h.get(P + ".adapter.w1") > 0 && s.get(P + ".adapter.w1") > 0, "the adapter is shared");
        }
    }

    @Test
    void evaluatingAnUntrainedModelComparesTrueAndWrongHints(@TempDir Path dir) throws Exception {
        HintedForecastTask task = new HintedForecastTask(12);
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = TaskFixtures.tinyPatchModel(layout)) {
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
