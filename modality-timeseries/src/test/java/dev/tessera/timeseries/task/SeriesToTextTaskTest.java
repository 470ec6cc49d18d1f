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

class SeriesToTextTaskTest {

    @Test
    void examplesEndWithTheDescriptionOfTheGeneratorsTraits(@TempDir Path dir) throws Exception {
        SeriesToTextTask task = new SeriesToTextTask();
        task.prepare(TaskFixtures.context(dir));
        VocabularyLayout layout = TaskFixtures.layout();
        SeasonalSeriesGenerator gen = new SeasonalSeriesGenerator(SeriesForecastTask.PERIODS);
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 30; k++) {
            SeasonalSeries s = gen.draw(SeriesToTextTask.LENGTH, rng);
            TaskExample e = SeriesToTextTask.example(layout, s);
            int[] ids = e.ids();
            assertTrue(ids.length <= task.maxLength() && task.maxLength() <= 160);
            int n = SeriesToTextTask.LENGTH;
            assertEquals(layout.bos(), ids[0]);
            assertEquals(layout.begin(SeriesTokens.SERIES), ids[1]);
            assertEquals(layout.end(SeriesTokens.SERIES), ids[n + 2]);
            assertEquals(layout.begin(SeriesTokens.TEXT), ids[n + 3]);
            assertEquals(layout.end(SeriesTokens.TEXT), ids[ids.length - 2]);
            assertEquals(layout.eos(), ids[ids.length - 1]);
            int[] text = Arrays.stream(Arrays.copyOfRange(ids, n + 4, ids.length - 2))
                    .map(g -> layout.toLocal(SeriesTokens.TEXT, g)).toArray();
            String d = SeriesTokens.text(text);
            assertEquals(s.traits(), SeriesTraits.parse(d).orElseThrow(), d);
            float[] w = e.weights();
            for (int t = 0; t < w.length; t++) {
                assertEquals(t >= n + 3 ? 1f : 0f, w[t], "weight " + t);
            }
        }
        // sample() draws all trend, noise and period classes
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < 200; k++) {
            int[] ids = task.sample(layout, rng).ids();
            int[] text = Arrays.stream(Arrays.copyOfRange(ids, SeriesToTextTask.LENGTH + 4, ids.length - 2))
                    .map(g -> layout.toLocal(SeriesTokens.TEXT, g)).toArray();
            seen.add(SeriesTokens.text(text));
        }
        assertTrue(seen.size() > 25, "distinct descriptions: " + seen.size());
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
        try (DecoderModel model = TaskFixtures.tinyModel(layout)) {
            TaskScore s = task.evaluate(model, layout, TaskFixtures.context(dir));
            assertTrue(s.score() >= 0 && s.score() <= 1, "score " + s.score());
            assertTrue(s.higherIsBetter());
            assertTrue(Files.size(dir.resolve(s.files().get(0))) > 1000);
        }
    }
}
