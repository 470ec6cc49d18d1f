package dev.tessera.pointcloud.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.octree.Morton;
import dev.tessera.pointcloud.octree.OctreeCodec;
import dev.tessera.text.modality.ByteText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeTasksTest {
    private static final ShapeTaskConfig TINY = ShapeTaskConfig.defaults().withTrainPerClass(12).withEvalPerClass(3, 2);

    /** A shared layout with an unrelated modality first and the task's modalities in another order. */
    private static VocabularyLayout jointLayout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("image", 512);
        m.put("shape", 256);
        m.put("text", 256);
        return VocabularyLayout.framed(m);
    }

    private static TaskContext context(Path dir, boolean quick) {
        return new TaskContext(dir.resolve("out"), dir.resolve("cache"), quick, 17, null);
    }

    @Test
    void bothTasks_declareTextAndShape_andShareOnePreparedCorpus(@TempDir Path dir) throws Exception {
        List<Task> tasks = ShapeTasks.create(TINY);
        assertEquals(List.of("caption_to_shape", "shape_to_caption"), tasks.stream().map(Task::name).toList());
        for (Task t : tasks) {
            assertEquals(Map.of("text", 256, "shape", 256), t.vocabularies());
            assertTrue(t.maxLength() <= 160);
            t.prepare(context(dir, true));
        }
        ShapeCorpus a = ((CaptionToShapeTask) tasks.get(0)).corpus();
        assertSame(a, ((ShapeToCaptionTask) tasks.get(1)).corpus());
        assertEquals(12 * ShapeClass.values().length, a.train().size() + a.dropped());
        assertThrows(IllegalStateException.class, () -> new ShapeCorpus(TINY).train());
    }

    @Test
    void defaultPool_fitsTheContext_withRoomToSpare(@TempDir Path dir) {
        ShapeCorpus c = new ShapeCorpus(ShapeTaskConfig.defaults().withTrainPerClass(60));
        c.prepare(context(dir, false));
        assertEquals(0, c.dropped(), "no depth-3 procedural shape should be too long for 160 ids");
        assertTrue(c.longestExample() <= 160, "longest " + c.longestExample());
        assertTrue(c.maxMasks() <= 73 && c.minMasks() >= 3, c.minMasks() + ".." + c.maxMasks());
        assertTrue(c.captions().size() >= 2 * ShapeClass.values().length, c.captions().toString());
    }

    @Test
    void captionToShape_examplesAreFramed_weightedOnTheShape_andDecodeToTheSourceShape(@TempDir Path dir) {
        CaptionToShapeTask task = new CaptionToShapeTask(new ShapeCorpus(TINY));
        task.prepare(context(dir, true));
        VocabularyLayout layout = jointLayout();
        // one shape from its procedural source: the example's answer must decode to the source's voxels
        ProceduralShapes.Sample src = ProceduralShapes.dataset(1, 2048, 99).get(5);
        OctreeCodec codec = new OctreeCodec(3);
        ShapeCorpus.Entry e = new ShapeCorpus.Entry(src.shapeClass(), src.caption(), codec.encode(src.points().xyz()));
        TaskExample ex = task.example(layout, e);
        List<Segment> segs = TokenSequence.parse(layout, ex.ids()).segments();
        assertEquals(2, segs.size());
        assertEquals("text", segs.get(0).modality());
        assertEquals(src.caption(), ByteText.decode(segs.get(0).tokens()));
        assertEquals("shape", segs.get(1).modality());
        float[] decoded = task.corpus().decode(segs.get(1).tokens());
        assertArrayEquals(Morton.occupied(src.points().xyz(), 3), Morton.occupied(decoded, 3));
        int prompt = CaptionToShapeTask.prompt(layout, src.caption()).length;
        assertEquals(layout.begin("shape"), ex.ids()[prompt - 1]);
        for (int t = 0; t < ex.weights().length; t++) {
            assertEquals(t >= prompt - 1 ? 1f : 0f, ex.weights()[t], "weight of target " + t);
        }
        assertEquals(layout.eos(), ex.ids()[ex.length() - 1]);
        assertEquals(layout.end("shape"), ex.ids()[ex.length() - 2]);
        // sampled examples: from the pool, within maxLength, the same state gives the same example
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            TaskExample s = task.sample(layout, rng);
            assertTrue(s.length() <= task.maxLength());
            List<Segment> p = TokenSequence.parse(layout, s.ids()).segments();
            String caption = ByteText.decode(p.get(0).tokens());
            assertNotNull(task.corpus().captions().get(caption), caption);
            assertTrue(new OctreeCodec(3).decodeVoxels(p.get(1).tokens()).length > 0);
            float ones = 0;
            for (float w : s.weights()) {
                ones += w;
            }
            assertEquals(p.get(1).length() + 2, ones, 0, "loss on the masks, END:shape and EOS");
        }
        assertArrayEquals(task.sample(layout, new SplittableRandom(8)).ids(),
                task.sample(layout, new SplittableRandom(8)).ids());
    }

    @Test
    void shapeToCaption_examplesAreFramed_weightedOnTheCaption_andDecodeToTheSourceCaption(@TempDir Path dir) {
        ShapeToCaptionTask task = new ShapeToCaptionTask(new ShapeCorpus(TINY));
        task.prepare(context(dir, true));
        VocabularyLayout layout = jointLayout();
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 50; i++) {
            TaskExample s = task.sample(layout, rng);
            assertTrue(s.length() <= task.maxLength());
            List<Segment> p = TokenSequence.parse(layout, s.ids()).segments();
            assertEquals(List.of("shape", "text"), p.stream().map(Segment::modality).toList());
            String caption = ByteText.decode(p.get(1).tokens());
            assertTrue(task.corpus().train().stream().anyMatch(e -> Arrays.equals(e.masks(), p.get(0).tokens())
                    && e.caption().equals(caption)), "caption '" + caption + "' belongs to the shape");
            int prompt = ShapeToCaptionTask.prompt(layout, p.get(0).tokens()).length;
            for (int t = 0; t < s.weights().length; t++) {
                assertEquals(t >= prompt - 1 ? 1f : 0f, s.weights()[t], "weight of target " + t);
            }
        }
        // each pool shape's example gives back its own masks and caption
        for (ShapeCorpus.Entry e : task.corpus().train().subList(0, 20)) {
            List<Segment> p = TokenSequence.parse(layout, task.example(layout, e).ids()).segments();
            assertArrayEquals(e.masks(), p.get(0).tokens());
            assertEquals(e.caption(), ByteText.decode(p.get(1).tokens()));
        }
    }

    @Test
    void evaluateOnAnUntrainedModel_givesFiniteScoresInRange_writesRenders_andLeavesTheModelAlone(@TempDir Path dir)
            throws Exception {
        List<Task> tasks = ShapeTasks.create(TINY);
        VocabularyLayout layout = jointLayout();
        TaskContext ctx = context(dir, true);
        try (DecoderModel model = DecoderModel.create(ModelConfig.gpt2(layout.size(), 160, 1, 2, 16), 5,
                Device.cpu())) {
            float[] before = model.parameters().values().iterator().next().toFloatArray();
            for (Task t : tasks) {
                t.prepare(ctx);
                TaskScore s = t.evaluate(model, layout, ctx);
                assertTrue(Double.isFinite(s.score()) && s.score() >= 0 && s.score() <= 1, t.name() + ": " + s);
                assertTrue(s.higherIsBetter());
                assertEquals(2 * ShapeClass.values().length, ((Number) s.details().get("shapes")).intValue());
                @SuppressWarnings("unchecked")
                Map<String, Double> perClass = (Map<String, Double>) s.details().get("per_class");
                assertEquals(Arrays.stream(ShapeClass.values()).map(ShapeClass::label).toList(),
                        List.copyOf(perClass.keySet()), "every class, in class order");
                perClass.forEach((c, r) -> assertTrue(r >= 0 && r <= 1, t.name() + " " + c + ": " + r));
                if (t instanceof ShapeToCaptionTask) {
                    // two held-out shapes per class: the mean over classes is the overall pass rate
                    double mean = perClass.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    assertEquals(s.score(), mean, 1e-12);
                }
                assertEquals(1, s.files().size());
                Path png = ctx.outDir().resolve(s.files().get(0));
                assertTrue(Files.size(png) > 1000, png.toString());
            }
            assertArrayEquals(before, model.parameters().values().iterator().next().toFloatArray());
        }
    }
}
