package dev.tessera.vision.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.task.TaskExample;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.vision.kmeans.PatchCodebook;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageTextPairsTaskTest {
    private static final List<String> NAMES = List.of("ant", "dog", "pig");

    private static PatchCodebook codec() {
        return VisionLanguageModelTest.codec();
    }

    private static int[][] grids(int n) {
        int[][] g = new int[n][49];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(g[i], i % 32);
        }
        return g;
    }

    @Test
    void examplesTakeBothDirections_atTheCaptioningFraction_andFitMaxLength() {
        ImageTextPairsTask t = new ImageTextPairsTask(codec(), NAMES, List.of("ant", "dog", "pig"), grids(3), List.of(),
                new int[0][], 0.25, 0.1);
        VocabularyLayout layout = VisionLanguageModel.layoutFor(32);
        SplittableRandom r = new SplittableRandom(1);
        int captioning = 0;
        for (int i = 0; i < 2000; i++) {
            TaskExample e = t.sample(layout, r);
            assertTrue(e.length() <= t.maxLength(), e.length() + " > " + t.maxLength());
            TokenSequence s = TokenSequence.parse(layout, e.ids());
            captioning += s.segments().get(0).modality().equals(VisionLanguageModel.IMAGE) ? 1 : 0;
        }
        assertEquals(0.25, captioning / 2000.0, 0.03);
        // "ant" is the longest caption (3 bytes): BOS, two framed segments, EOS
        assertEquals(3 + 49 + 6, t.maxLength());
    }

    @Test
    void captionWeight_scalesTheCaptionsLossOnly() {
        ImageTextPairsTask plain = new ImageTextPairsTask(codec(), NAMES, List.of("ant", "dog", "pig"), grids(3),
                List.of(), new int[0][], 0.5, 0.1);
        ImageTextPairsTask heavy = plain.withCaptionWeight(3);
        VocabularyLayout layout = VisionLanguageModel.layoutFor(32);
        SplittableRandom a = new SplittableRandom(6);
        SplittableRandom b = new SplittableRandom(6);
        int captioning = 0;
        for (int i = 0; i < 200; i++) {
            TaskExample p = plain.sample(layout, a);
            TaskExample h = heavy.sample(layout, b);
            assertArrayEquals(p.ids(), h.ids(), "the same examples are drawn");
            boolean toText = TokenSequence.parse(layout, p.ids()).segments().get(0).modality()
                    .equals(VisionLanguageModel.IMAGE);
            captioning += toText ? 1 : 0;
            for (int j = 0; j < p.weights().length; j++) {
                // in a captioning example the targets from END:image's position on are the caption, END:text, EOS
                boolean caption = toText && j >= 49 + 3;
                assertEquals(caption ? 3 * p.weights()[j] : p.weights()[j], h.weights()[j], 1e-6,
                        "example " + i + ", target " + j);
            }
        }
        assertTrue(captioning > 50, captioning + " captioning examples");
        assertThrows(IllegalArgumentException.class, () -> plain.withCaptionWeight(0));
        assertThrows(IllegalArgumentException.class, () -> plain.withCaptionWeight(Double.POSITIVE_INFINITY));
    }

    @Test
    void badPairs_areRejectedNamingWhatAndWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageTextPairsTask(codec(),
                NAMES, List.of("ant", "cat"), grids(2), List.of(), new int[0][], 0.5, 0.1));
        assertTrue(e.getMessage().contains("training text 1 'cat'"), e.getMessage());
        int[][] shortGrid = {new int[48]};
        e = assertThrows(IllegalArgumentException.class, () -> new ImageTextPairsTask(codec(), NAMES, List.of("ant"),
                grids(1), List.of("ant"), shortGrid, 0.5, 0.1));
        assertTrue(e.getMessage().contains("test grid 0 has 48 codes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ImageTextPairsTask(codec(), NAMES, List.of("ant"),
                grids(2), List.of(), new int[0][], 0.5, 0.1));
        assertTrue(e.getMessage().contains("1 texts for 2 training grids"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageTextPairsTask(codec(), NAMES, List.of("ant"),
                grids(1), List.of(), new int[0][], 1.5, 0.1));
    }

    @Test
    void scoring_reportsEveryCaptionsAccuracy_evenOneTheModelNeverWrites() {
        ImageTextPairsTask t = new ImageTextPairsTask(codec(), NAMES, List.of("ant"), grids(1),
                List.of("ant", "dog", "pig", "pig"), grids(4), 0.5, 0.1);
        try (VisionLanguageModel m = VisionLanguageModel.create(codec(), NAMES,
                dev.tessera.core.model.ModelConfig.gpt2(2, 2, 1, 2, 16), 5)) {
            var score = t.evaluate(m.model(), m.layout(), null);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Double> per = (java.util.Map<String, Double>) score.details().get("accuracy_per_caption");
            assertEquals(NAMES, List.copyOf(per.keySet()));
            double mean = (per.get("ant") + per.get("dog") + 2 * per.get("pig")) / 4;
            assertEquals(score.score(), mean, 1e-12);
        }
    }
}
