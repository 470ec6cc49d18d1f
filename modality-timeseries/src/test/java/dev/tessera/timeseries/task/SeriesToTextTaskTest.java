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

class SeriesToTextTaskTest {
    private static final String P = SeriesForecastTask.MODALITY;

    @Test
    void examplesArePatchesThenTheDescription_withTheLossOnTheDescription(@TempDir Path dir) throws Exception {
        SeriesToTextTask task = new SeriesToTextTask();
        task.prepare(TaskFixtures.context(dir));
        VocabularyLayout layout = TaskFixtures.layout();
        SplittableRandom rng = new SplittableRandom(3);
        int patches = SeriesToTextTask.LENGTH / SeriesForecastTask.PATCH_LENGTH;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < 200; k++) {
            TaskExample e = task.sample(layout, rng);
            int[] ids = e.ids();
            assertTrue(ids.length <= task.maxLength());
            assertEquals(layout.bos(), ids[0]);
            assertEquals(layout.begin(P), ids[1]);
            for (int t = 2; t < 2 + patches; t++) {
                assertEquals(layout.toGlobal(P, 0), ids[t]);
            }
            assertEquals(layout.end(P), ids[patches + 2]);
            assertEquals(layout.begin(ByteText.NAME), ids[patches + 3]);
            assertEquals(layout.end(ByteText.NAME), ids[ids.length - 1]);
            int[] text = Arrays.stream(Arrays.copyOfRange(ids, patches + 4, ids.length - 1))
                    .map(g -> layout.toLocal(ByteText.NAME, g)).toArray();
            String d = ByteText.decode(text);
            assertTrue(SeriesTraits.parse(d).isPresent(), d);
            seen.add(d);
            float[] w = e.weights();
            for (int t = 0; t < w.length; t++) {
                // weights[t] scores ids[t + 1]: the description's bytes and END:text
                assertEquals(t >= patches + 3 ? 1f : 0f, w[t], "weight " + t);
            }
        }
        assertTrue(seen.size() > 25, "distinct descriptions: " + seen.size());
    }

    @Test
    void theDescriptionLossDescends_andGreedyDescriptionsStayWithinTheirLength() {
        SeriesToTextTask task = new SeriesToTextTask();
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = TaskFixtures.tinyPatchModel(layout)) {
            float[] loss = TaskFixtures.descend(task, model, layout, 40, 0.01f);
            assertTrue(Float.isFinite(loss[0]) && loss[1] < 0.7 * loss[0], "loss " + loss[0] + " -> " + loss[1]);
            SeasonalSeriesGenerator gen = new SeasonalSeriesGenerator(SeriesForecastTask.PERIODS);
            SplittableRandom rng = new SplittableRandom(4);
            List<SeasonalSeries> series = List.of(gen.draw(SeriesToTextTask.LENGTH, rng), gen.draw(SeriesToTextTask.LENGTH, rng));
            List<String> texts = SeriesToTextTask.describe(model, layout, series);
            assertEquals(2, texts.size());
            for (String t : texts) {
                assertTrue(ByteText.encode(t).length <= SeriesToTextTask.MAX_TEXT, t);
            }
        }
    }

    @Test
    void generatedTraitsAreVisibleInTheValues() {
        SeasonalSeriesGenerator gen = new SeasonalSeriesGenerator(12);
        SplittableRandom rng = new SplittableRandom(9);
        for (SeriesTraits.Trend trend : SeriesTraits.Trend.values()) {
            SeasonalSeries s = gen.draw(96, new SeriesTraits(trend, 12, SeriesTraits.Noise.LOW), rng);
            double[] v = s.values();
            double first = Arrays.stream(v, 0, 24).average().orElseThrow();
            double last = Arrays.stream(v, 72, 96).average().orElseThrow();
            double d = last - first;
            switch (trend) {
                case RISING -> assertTrue(d > 1, "rising: " + d);
                case FALLING -> assertTrue(d < -1, "falling: " + d);
                default -> assertTrue(Math.abs(d) < 0.3, "flat: " + d);
            }
        }
    }

    @Test
    void descriptionsRoundTripAndRejectOtherText() {
        SeriesTraits t = new SeriesTraits(SeriesTraits.Trend.FALLING, 24, SeriesTraits.Noise.HIGH);
        assertEquals("falling trend, period 24, high noise", t.describe());
        assertEquals(t, SeriesTraits.parse(t.describe()).orElseThrow());
        assertTrue(SeriesTraits.parse("falling trend, period 24").isEmpty());
        assertTrue(SeriesTraits.parse("up trend, period 4, low noise").isEmpty());
        assertTrue(SeriesToTextTask.MAX_TEXT >= t.describe().length());
    }

    @Test
    void evaluatingAnUntrainedModelGivesAFractionAndAPlot(@TempDir Path dir) throws Exception {
        SeriesToTextTask task = new SeriesToTextTask(12);
        VocabularyLayout layout = TaskFixtures.layout();
        try (DecoderModel model = TaskFixtures.tinyPatchModel(layout)) {
            TaskScore s = task.evaluate(model, layout, TaskFixtures.context(dir));
            assertTrue(s.score() >= 0 && s.score() <= 1, "score " + s.score());
            assertTrue(s.higherIsBetter());
            assertTrue(Files.size(dir.resolve(s.files().get(0))) > 1000);
        }
    }
}
