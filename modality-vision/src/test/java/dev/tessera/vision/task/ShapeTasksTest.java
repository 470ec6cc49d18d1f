package dev.tessera.vision.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import dev.tessera.vision.data.SyntheticShapes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeTasksTest {
    private static final ShapeTaskData.Settings TINY = new ShapeTaskData.Settings(32, 300, 3, 11);

    /** A joint layout with a modality before ours, so fixed global ids would be caught. */
    private static VocabularyLayout jointLayout(Task a, Task b) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("series", 10);
        sizes.putAll(a.vocabularies());
        b.vocabularies().forEach((k, v) -> assertEquals(v, sizes.getOrDefault(k, v), "modality " + k + " size"));
        sizes.putAll(b.vocabularies());
        return VocabularyLayout.framed(sizes);
    }

    private static TaskContext context(Path dir) {
        return new TaskContext(dir.resolve("out"), dir.resolve("cache"), true, 3,
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void examples_areFramed_weightedOnTheAnswer_andDecodeBackToTheirSource(@TempDir Path dir) throws Exception {
        CaptionToImageTask t2i = new CaptionToImageTask(TINY, new ImageSampling(1, 0, 0));
        ImageToCaptionTask i2t = new ImageToCaptionTask(TINY);
        assertThrows(IllegalStateException.class, () -> t2i.sample(VocabularyLayout.framed(t2i.vocabularies()),
                new SplittableRandom(1)));
        t2i.prepare(context(dir));
        i2t.prepare(context(dir));
        assertTrue(Files.list(dir.resolve("cache")).count() == 1, "one cached tokenizer for both tasks");
        VocabularyLayout layout = jointLayout(t2i, i2t);
        assertTrue(t2i.maxLength() <= 160 && i2t.maxLength() <= 160);
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = 0; k < 20; k++) {
            TaskExample e = t2i.sample(layout, rng);
            assertTrue(e.length() <= t2i.maxLength());
            List<Segment> segs = TokenSequence.parse(layout, e.ids()).segments();
            assertEquals("text", segs.get(0).modality());
            assertEquals("image", segs.get(1).modality());
            String caption = ByteText.decode(segs.get(0).tokens());
            SyntheticShapes.Spec.parse(caption);
            assertEquals(49, segs.get(1).length());
            int firstImage = 2 + segs.get(0).length() + 2; // BOS BEGIN text.. END BEGIN
            for (int t = 0; t < e.weights().length; t++) {
                assertEquals(t + 1 >= firstImage ? 1f : 0f, e.weights()[t], "weight of target " + (t + 1));
            }
            assertEquals(layout.eos(), e.ids()[e.length() - 1]);
            // the image segment is the tokenized image of that caption: the detokenized grid passes the checker
            // at least as often as the tokenizer's reconstruction does, so check it decodes to an image of 28x28x3
            float[] px = t2i.data().codec().detokenize(new int[][] {segs.get(1).tokens()});
            assertEquals(3 * 28 * 28, px.length);

            TaskExample c = i2t.sample(layout, rng);
            List<Segment> cs = TokenSequence.parse(layout, c.ids()).segments();
            assertEquals("image", cs.get(0).modality());
            assertEquals("text", cs.get(1).modality());
            String cap = ByteText.decode(cs.get(1).tokens());
            SyntheticShapes.Spec spec = SyntheticShapes.Spec.parse(cap);
            assertEquals(cap, spec.caption());
            int firstText = 2 + 49 + 2;
            for (int t = 0; t < c.weights().length; t++) {
                assertEquals(t + 1 >= firstText ? 1f : 0f, c.weights()[t], "weight of target " + (t + 1));
            }
        }
        // the answer segment decodes back to the source: the training image of some index has exactly these codes
        ShapeTaskData d = i2t.data();
        TaskExample c = VisionSequences.imageToText(layout, d.grid(7), d.captions().get(7), 0f);
        List<Segment> cs = TokenSequence.parse(layout, c.ids()).segments();
        assertArrayEquals(d.grid(7), cs.get(0).tokens());
        assertEquals(d.captions().get(7), ByteText.decode(cs.get(1).tokens()));
    }

    @Test
    void evaluate_onAnUntrainedModel_givesFiniteScoresInRange_andWritesAGrid(@TempDir Path dir) throws Exception {
        CaptionToImageTask t2i = new CaptionToImageTask(TINY, new ImageSampling(1, 0, 0));
        ImageToCaptionTask i2t = new ImageToCaptionTask(TINY);
        TaskContext ctx = context(dir);
        t2i.prepare(ctx);
        i2t.prepare(ctx);
        VocabularyLayout layout = jointLayout(t2i, i2t);
        try (DecoderModel model = DecoderModel.create(ModelConfig.gpt2(layout.size(), 160, 1, 2, 16), 4, Device.cpu())) {
            float before = model.parameter("wte.weight").toFloatArray()[123];
            for (Task t : List.of(t2i, i2t)) {
                TaskScore s = t.evaluate(model, layout, ctx);
                assertTrue(s.score() >= 0 && s.score() <= 1, t.name() + " score " + s.score());
                assertTrue(s.higherIsBetter());
                for (String f : s.files()) {
                    assertTrue(Files.size(ctx.outDir().resolve(f)) > 100, f);
                }
            }
            assertEquals(before, model.parameter("wte.weight").toFloatArray()[123], "evaluate must not change the model");
        }
    }
}
