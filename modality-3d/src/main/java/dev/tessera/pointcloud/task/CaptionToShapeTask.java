package dev.tessera.pointcloud.task;

import dev.tessera.core.generate.FinishReason;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.eval.SetMetrics;
import dev.tessera.pointcloud.modality.OctreeConstraint;
import dev.tessera.text.modality.ByteText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code caption_to_shape}: a caption ({@code "a tall cylinder"}, UTF-8 bytes as {@code "text"})
 * is the prompt, the shape's octree masks ({@code "shape"}, 256 ids) the answer:
 * {@code BOS BEGIN:text caption END:text BEGIN:shape masks END:shape EOS}, loss on the masks,
 * {@code END:shape} and {@code EOS}. Evaluation generates one shape per held-out caption with the
 * core {@code Generator} and {@link OctreeConstraint} (every shape is a valid octree; {@code END} is
 * forced when the tree is complete) and scores the fraction the independent {@code ShapeClassifier}
 * assigns to the class the caption names; COV / MMD / 1-NNA against the held-out shapes are
 * reported beside it, and the first two shapes per class are rendered to {@code caption_to_shape.png}.
 */
public final class CaptionToShapeTask extends ShapeCorpusTask {
    /** The task's key. */
    public static final String NAME = "caption_to_shape";
    /** The rendered file. */
    public static final String PNG = NAME + ".png";

    /**
     * Creates the task on a (possibly shared) corpus.
     *
     * @param corpus the data
     */
    public CaptionToShapeTask(ShapeCorpus corpus) {
        super(NAME, corpus, true);
    }

    /**
     * Returns the generation prompt of a caption.
     *
     * @param layout the layout
     * @param caption the caption
     * @return {@code BOS BEGIN:text caption END:text BEGIN:shape}
     */
    public static int[] prompt(VocabularyLayout layout, String caption) {
        return TokenSequence.of(new Segment(ByteText.NAME, ByteText.encode(caption)))
                .promptFor(layout, ShapeCorpus.SHAPE_MODALITY);
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        long t0 = System.nanoTime();
        ShapeTaskConfig c = corpus().config();
        List<ShapeCorpus.Entry> held = corpus().heldOut(context.quick());
        Prompts prompts = Prompts.of(held, e -> prompt(layout, e.caption()));
        int room = Math.min(model.config().contextLength(), c.maxLength());
        int budget = room - prompts.longest() - 2; // END:shape and EOS
        OctreeConstraint octree = new OctreeConstraint(layout, ShapeCorpus.SHAPE_MODALITY, c.depth(), budget);
        int end = layout.end(ShapeCorpus.SHAPE_MODALITY);
        SamplingConfig sc = SamplingConfig.sample(c.temperature(), context.seed() + 31, budget + 1)
                .withStopTokens(end);
        List<GenerationResult> res = TaskGeneration.generate(model, layout, prompts.prompts(), sc,
                List.of(octree));
        int off = layout.offset(ShapeCorpus.SHAPE_MODALITY);
        ClassTally tally = new ClassTally();
        boolean[] ok = new boolean[held.size()];
        int incomplete = 0;
        long masksSum = 0;
        List<float[]> generated = new ArrayList<>();
        List<float[]> reference = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            ShapeCorpus.Entry e = held.get(i);
            reference.add(corpus().decode(e.masks()));
            int[] ids = res.get(i).tokens();
            if (res.get(i).reason() != FinishReason.STOP_TOKEN) {
                incomplete++; // cannot happen within the budget; counted as a miss if it does
                tally.count(e.shapeClass(), false);
                continue;
            }
            int[] masks = new int[ids.length - 1];
            for (int j = 0; j < masks.length; j++) {
                masks[j] = ids[j] - off;
            }
            masksSum += masks.length;
            float[] xyz = corpus().decode(masks);
            generated.add(xyz);
            ShapeClass predicted = corpus().classifier().predict(xyz);
            ok[i] = predicted == e.shapeClass();
            tally.count(e.shapeClass(), ok[i]);
            tally.show(e.shapeClass(), xyz, "\"" + e.caption() + "\" -> classified " + predicted.label()
                    + (ok[i] ? " (right)" : " (WRONG)") + ", " + masks.length + " masks");
        }
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shapes", held.size());
        details.put("incomplete", incomplete);
        details.put("temperature", c.temperature());
        details.put("depth", c.depth());
        details.put("mean_masks", generated.isEmpty() ? 0 : (double) masksSum / generated.size());
        details.put("per_class", tally.perClass());
        if (generated.size() >= 2) {
            SetMetrics sm = SetMetrics.compute(generated, reference);
            details.put("cov", sm.cov());
            details.put("mmd", sm.mmd());
            details.put("one_nna", sm.oneNna());
        }
        details.put("generate_seconds", genSeconds);
        List<String> files = tally.render(context.outDir(), PNG, c.depth());
        details.put("seconds", (System.nanoTime() - t0) / 1e9);
        ItemScores items = ItemScores.passes(ok);
        double score = items.score();
        context.log().printf(java.util.Locale.ROOT, "%s: class accuracy %.3f over %d captions (%.1f s)%n", NAME,
                score, held.size(), (System.nanoTime() - t0) / 1e9);
        return TaskScore.of("class_accuracy", true, items, details, files);
    }
}
