package dev.tessera.vision.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.MultiTaskTrainer;
import dev.tessera.core.task.WeightedTask;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.kmeans.PatchCodebook;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionLanguageModelTest {
    private static final List<String> NAMES = List.of("ant", "dog", "pig");

    /** A fixed random 32-code k-means codec for 28x28 gray images (shared by this package's tests). */
    static PatchCodebook codec() {
        SplittableRandom r = new SplittableRandom(3);
        float[] c = new float[32 * 16];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextDouble();
        }
        return new PatchCodebook(28, 1, 4, 32, c);
    }

    private static VisionLanguageModel tiny() {
        return VisionLanguageModel.create(codec(), NAMES, ModelConfig.gpt2(2, 2, 1, 2, 16), 5);
    }

    @Test
    void generatedImages_alwaysHaveExactlyTheGridsTokenCount_inTheImageRange() {
        try (VisionLanguageModel m = tiny()) {
            for (long seed = 0; seed < 3; seed++) {
                // a hot temperature on an untrained model: END:image and text ids get real probability mass
                int[][] g = m.generateImages("dog", 4, new ImageSampling(3.0, 0, seed));
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
            int[][] out = m.completeImages(null, prefix, new ImageSampling(1, 5, 1));
            for (int i = 0; i < 2; i++) {
                assertEquals(49, out[i].length);
                assertArrayEquals(prefix[i], Arrays.copyOf(out[i], 7));
            }
            int[][] captioned = m.completeImages("pig", prefix, new ImageSampling(2, 0, 1));
            assertEquals(49, captioned[1].length);
            assertThrows(IllegalArgumentException.class, () -> m.completeImages(null, new int[][] {new int[49]},
                    new ImageSampling(1, 0, 1)));
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
    void trainedAsAOneTaskMixture_lowersTheLoss_andTheSavedBundleGivesTheSameCaptions(@TempDir Path dir)
            throws IOException {
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
        PatchCodebook codec = codec();
        ImageTextPairsTask task = new ImageTextPairsTask(codec, NAMES, texts, grids, texts, grids, 0.5, 0.1);
        MultiTaskTrainer.Options o = new MultiTaskTrainer.Options(ModelConfig.gpt2(2, 2, 1, 2, 16),
                TrainingConfig.reference(60, 1e-2, 2).withEvalEvery(20), 16 * task.maxLength(), 8, Device.cpu());
        MultiTaskTrainer.Result run = MultiTaskTrainer.train(List.of(WeightedTask.of(task)),
                VisionLanguageModel.layoutFor(32), o, new PrintStream(OutputStream.nullOutputStream()), "test");
        List<double[]> curve = run.curves().get(ImageTextPairsTask.NAME);
        double first = curve.get(0)[1];
        double last = curve.get(curve.size() - 1)[1];
        try (VisionLanguageModel m = VisionLanguageModel.of(codec, NAMES, run.layout(), run.model())) {
            assertTrue(last < first * 0.7, "held-back loss went from " + first + " to " + last);
            List<String> caps = m.caption(grids);
            int ok = 0;
            for (int i = 0; i < caps.size(); i++) {
                ok += caps.get(i).equals(texts.get(i)) ? 1 : 0;
            }
            assertTrue(ok >= 27, ok + " of 30 captions right after training");
            assertEquals((double) ok / 30, task.evaluate(m.model(), m.layout(), null).score(), 1e-12);
            Path file = dir.resolve("v.tessera");
            m.save(file, Map.of("note", "test"));
            try (ModelBundle b = ModelBundle.load(file)) {
                // both modalities the model was trained with, restored by their providers
                assertEquals(Set.of(VisionLanguageModel.TEXT, VisionLanguageModel.IMAGE), b.modalities().keySet());
                Modality<String> text = b.modality(VisionLanguageModel.TEXT, String.class);
                assertEquals("ant", text.detokenizer().decode(text.tokenizer().encode("ant")));
                assertEquals(32, b.modality(VisionLanguageModel.IMAGE, ImageData.class).vocabularySize());
            }
            try (VisionLanguageModel back = VisionLanguageModel.load(file)) {
                assertEquals(NAMES, back.captions());
                assertEquals(caps, back.caption(grids));
                assertArrayEquals(m.generateImages("ant", 2, new ImageSampling(0.8, 4, 3))[1],
                        back.generateImages("ant", 2, new ImageSampling(0.8, 4, 3))[1]);
            }
            byte[] all = Files.readAllBytes(file);
            Path cut = dir.resolve("cut.tessera");
            Files.write(cut, Arrays.copyOf(all, all.length / 2));
            IOException e = assertThrows(IOException.class, () -> VisionLanguageModel.load(cut));
            assertTrue(e instanceof CorruptFileException || e.getMessage().contains("cut.tessera"), e.getMessage());
        }
    }

    @Test
    void aModelOfAnotherLayout_isRejectedByOf() {
        try (VisionLanguageModel m = tiny()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VisionLanguageModel.of(codec(), NAMES, VisionLanguageModel.layoutFor(64), m.model()));
            assertTrue(e.getMessage().contains("32-code"), e.getMessage());
        }
    }

    @Test
    void captionsWithBytesOutsideTheLayout_cannotOccur_butWrongGridSizesAreRejected() {
        try (VisionLanguageModel m = tiny()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.textToImage("dog", new int[48]));
            assertTrue(e.getMessage().contains("49"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.caption(new int[][] {new int[50]}));
        }
    }
}
