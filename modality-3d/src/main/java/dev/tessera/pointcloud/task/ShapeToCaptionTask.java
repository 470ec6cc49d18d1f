package dev.tessera.pointcloud.task;

import dev.tessera.core.generate.ClosedSetConstraint;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.text.modality.ByteText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code shape_to_caption}: a shape's octree masks ({@code "shape"}) are the prompt, its caption
 * (UTF-8 bytes as {@code "text"}) the answer:
 * {@code BOS BEGIN:shape masks END:shape BEGIN:text caption END:text EOS}, loss on the caption,
 * {@code END:text} and {@code EOS}. Evaluation captions every held-out shape greedily under the closed
 * set of the training captions (a core {@link ClosedSetConstraint} over their bytes: the model picks,
 * branch by branch, the most likely known caption) and looks the text up in the caption table. The
 * score is the fraction of captions that name the shape's class; {@code free_text_class_accuracy} in
 * the details is the same with free greedy bytes (no caption list), and {@code exact_caption_accuracy} in the
 * details also needs the proportion words right ("tall", "flat", "thin ring" ...), reported beside
 * what a nearest-neighbour vote on the same depth-3 tokens achieves (some proportions differ by
 * less than a voxel). The first two shapes per class are rendered with their captions to
 * {@code shape_to_caption.png}.
 */
public final class ShapeToCaptionTask extends ShapeCorpusTask {
    /** The task's key. */
    public static final String NAME = "shape_to_caption";
    /** The rendered file. */
    public static final String PNG = NAME + ".png";

    /**
     * Creates the task on a (possibly shared) corpus.
     *
     * @param corpus the data
     */
    public ShapeToCaptionTask(ShapeCorpus corpus) {
        super(NAME, corpus, false);
    }

    /**
     * Returns the generation prompt of a shape.
     *
     * @param layout the layout
     * @param masks the octree masks
     * @return {@code BOS BEGIN:shape masks END:shape BEGIN:text}
     */
    public static int[] prompt(VocabularyLayout layout, int[] masks) {
        return TokenSequence.of(new Segment(ShapeCorpus.SHAPE_MODALITY, masks)).promptFor(layout,
                ByteText.NAME);
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        long t0 = System.nanoTime();
        List<ShapeCorpus.Entry> held = corpus().heldOut(context.quick());
        Prompts p = Prompts.of(held, e -> prompt(layout, e.masks()));
        List<int[]> prompts = p.prompts();
        int longestPrompt = p.longest();
        int room = Math.min(model.config().contextLength(), corpus().config().maxLength()) - longestPrompt - 1;
        int maxNew = Math.min(corpus().maxCaptionBytes() + 8, room);
        if (maxNew < 1) {
            throw new IllegalArgumentException("the model's context (" + model.config().contextLength()
                    + ") leaves no room for a caption after a " + longestPrompt + "-id shape prompt");
        }
        int end = layout.end(ByteText.NAME);
        SamplingConfig sc = SamplingConfig.greedy(maxNew).withStopTokens(end);
        Map<String, ShapeClass> table = corpus().captions();
        List<int[]> known = table.keySet().stream().map(ByteText::encode).toList();
        List<String> generated = captions(model, layout, prompts, sc,
                List.of(new ClosedSetConstraint(layout, ByteText.NAME, known)));
        List<String> free = captions(model, layout, prompts, sc, List.of());
        int freeOk = 0;
        for (int i = 0; i < held.size(); i++) {
            freeOk += table.get(free.get(i)) == held.get(i).shapeClass() ? 1 : 0;
        }
        ClassTally tally = new ClassTally();
        boolean[] classOk = new boolean[held.size()];
        int exact = 0;
        int unknown = 0;
        List<Map<String, String>> examples = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            ShapeCorpus.Entry e = held.get(i);
            String caption = generated.get(i);
            ShapeClass named = table.get(caption);
            if (named == null) {
                unknown++;
            }
            classOk[i] = named == e.shapeClass();
            tally.count(e.shapeClass(), classOk[i]);
            if (caption.equals(e.caption())) {
                exact++;
            }
            if (tally.wantsShown(e.shapeClass())) {
                Map<String, String> ex = new LinkedHashMap<>();
                ex.put("truth", e.caption());
                ex.put("generated", caption);
                examples.add(ex);
                tally.show(e.shapeClass(), corpus().decode(e.masks()), e.shapeClass().label() + " (\""
                        + e.caption() + "\") -> \"" + caption + "\"" + (classOk[i] ? "" : "  WRONG"));
            }
        }
        ItemScores items = ItemScores.passes(classOk);
        double score = items.score();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shapes", held.size());
        details.put("decoding", "greedy, closed set of the " + known.size() + " training captions");
        details.put("free_text_class_accuracy", held.isEmpty() ? 0 : (double) freeOk / held.size());
        details.put("exact_caption_accuracy", held.isEmpty() ? 0 : (double) exact / held.size());
        details.put("exact_caption_nearest_neighbour", corpus().nearestNeighbourCaptionAccuracy(held));
        details.put("unknown_captions", held.isEmpty() ? 0 : (double) unknown / held.size());
        details.put("per_class", tally.perClass());
        details.put("examples", examples);
        List<String> files = tally.render(context.outDir(), PNG, corpus().config().depth());
        details.put("seconds", (System.nanoTime() - t0) / 1e9);
        context.log().printf(java.util.Locale.ROOT,
                "%s: class accuracy %.3f, exact captions %.3f over %d shapes (%.1f s)%n", NAME, score,
                (double) exact / Math.max(1, held.size()), held.size(), (System.nanoTime() - t0) / 1e9);
        return TaskScore.of("caption_class_accuracy", true, items, details, files);
    }

    /** Greedy captions of the prompts (text up to END:text, decoded from UTF-8). */
    private static List<String> captions(DecoderModel model, VocabularyLayout layout, List<int[]> prompts,
            SamplingConfig sc, List<LogitsProcessor> constraints) {
        int end = layout.end(ByteText.NAME);
        int off = layout.offset(ByteText.NAME);
        List<String> out = new ArrayList<>();
        for (GenerationResult r : TaskGeneration.generate(model, layout, prompts, sc, constraints)) {
            int[] ids = r.tokens();
            int len = ids.length > 0 && ids[ids.length - 1] == end ? ids.length - 1 : ids.length;
            int[] bytes = new int[len];
            for (int j = 0; j < len; j++) {
                bytes[j] = ids[j] - off;
            }
            out.add(ByteText.decode(bytes));
        }
        return out;
    }
}
