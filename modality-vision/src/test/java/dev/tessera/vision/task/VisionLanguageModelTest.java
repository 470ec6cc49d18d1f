package dev.tessera.vision.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.vision.kmeans.PatchCodebook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VisionLanguageModelTest {
    private static final List<String> NAMES = List.of("ant", "dog", "pig");

    private static PatchCodebook codec() {
        SplittableRandom r = new SplittableRandom(3);
        float[] c = new float[32 * 16];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextDouble();
        }
        return new PatchCodebook(28, 1, 4, 32, c);
    }

    private static VisionLanguageModel tiny() {
        return VisionLanguageModel.create(codec(), NAMES, new VisionLanguageModel.Size(1, 2, 16), 5);
    }

    @Test
    void generatedImages_alwaysHaveExactlyTheGridsTokenCount_inTheImageRange() {
        try (VisionLanguageModel m = tiny()) {
            for (long seed = 0; seed < 3; seed++) {
                int[][] g = m.generateImages("dog", 4, new VisionLanguageModel.Sampling(1.5, 0, seed));
                assertEquals(4, g.length);
                for (int[] grid : g) {
                    assertEquals(49, grid.length);
                    for (int id : grid) {
                        assertTrue(id >= 0 && id < 32, "code " + id);
                    }
                    int[] seq = m.textToImage("dog", grid);
                    TokenSequence parsed = TokenSequence.parse(m.layout(), seq);
                    Segment img = parsed.segments().get(1);
                    assertEquals(VisionLanguageModel.IMAGE, img.modality());
                    assertArrayEquals(grid, img.tokens());
                }
            }
        }
    }

    @Test
    void completion_keepsThePrefix_andFillsTheGrid() {
        try (VisionLanguageModel m = tiny()) {
            int[][] prefix = {{1, 2, 3, 4, 5, 6, 7}, {7, 6, 5, 4, 3, 2, 1}};
            int[][] out = m.completeImages(null, prefix, new VisionLanguageModel.Sampling(1, 5, 1));
            for (int i = 0; i < 2; i++) {
                assertEquals(49, out[i].length);
                assertArrayEquals(prefix[i], Arrays.copyOf(out[i], 7));
            }
            assertThrows(IllegalArgumentException.class, () -> m.completeImages(null, new int[][] {new int[49]},
                    new VisionLanguageModel.Sampling(1, 0, 1)));
        }
    }

    @Test
    void captions_areAlwaysOneOfTheKnownTexts() {
        try (VisionLanguageModel m = tiny()) {
            SplittableRandom r = new SplittableRandom(2);
            int[][] grids = new int[6][49];
            for (int[] g : grids) {
                for (int i = 0; i < 49; i++) {
                    g[i] = r.nextInt(32);
                }
            }
            for (String c : m.caption(grids)) {
                assertTrue(NAMES.contains(c), "caption '" + c + "'");
            }
        }
    }

    @Test
    void training_lowersTheLoss_andSaveLoadKeepsGreedyCaptions() throws IOException {
        try (VisionLanguageModel m = tiny()) {
            SplittableRandom r = new SplittableRandom(9);
            int[][] grids = new int[30][49];
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < grids.length; i++) {
                int label = i % 3;
                for (int j = 0; j < 49; j++) {
                    grids[i][j] = label * 10 + (j % 7 == 0 ? r.nextInt(3) : 0);
                }
                texts.add(NAMES.get(label));
            }
            double first = m.train(texts, grids, new VisionLanguageModel.TrainOptions(1, 16, 3e-3, 0.1, 1), null).loss();
            double last = m.train(texts, grids, new VisionLanguageModel.TrainOptions(40, 16, 1e-2, 0.1, 2), null).loss();
            assertTrue(last < first * 0.7, "loss went from " + first + " to " + last);
            List<String> caps = m.caption(grids);
            int ok = 0;
            for (int i = 0; i < caps.size(); i++) {
                ok += caps.get(i).equals(texts.get(i)) ? 1 : 0;
            }
            assertTrue(ok >= 27, ok + " of 30 captions right after training");
            try (VisionLanguageModel back = VisionLanguageModel.fromBytes(m.toBytes(), m.codec(), "test")) {
                assertEquals(caps, back.caption(grids));
            }
        }
    }

    @Test
    void unknownCaptionCharacters_areRejectedWithTheirPosition() {
        try (VisionLanguageModel m = tiny()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.generateImages("dOg", 1, new VisionLanguageModel.Sampling(0, 0, 0)));
            assertTrue(e.getMessage().contains("position 1"), e.getMessage());
        }
    }
}
