package dev.tessera.vision.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.vision.data.LabeledImages;
import dev.tessera.vision.data.SyntheticShapes;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.image.ImageGrid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code image_to_caption}: describe a synthetic shape. Examples are
 * {@code BOS BEGIN:image 49 codes END:image BEGIN:text caption END:text EOS} with loss on the caption
 * bytes, END:text and EOS.
 *
 * <p>Scoring: freshly drawn test images are captioned greedily under the closed caption set
 * ({@link CaptionConstraint} over the {@link SyntheticShapes#allCaptions() shapes captions}), the
 * readout {@code vision-eval} uses for image-to-text: the model chooses, branch by branch of the
 * captions' byte trie, the most likely known caption. The score ({@code exact_match}) is the fraction
 * of captions equal to the true caption; since a shapes caption is fixed by its four attributes, that
 * is also the fraction with all four right. The details add each attribute's accuracy (shape,
 * colour, size, position).
 */
public final class ImageToCaptionTask extends ShapeTask {

    /** Creates the task with the standard data. */
    public ImageToCaptionTask() {
        this(ShapeTaskData.Settings.standard());
    }

    /**
     * Creates the task.
     *
     * @param settings the data settings
     */
    public ImageToCaptionTask(ShapeTaskData.Settings settings) {
        super(settings);
    }

    @Override
    public String name() {
        return "image_to_caption";
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        ShapeTaskData d = data();
        int i = rng.nextInt(d.size());
        return VisionSequences.imageToText(layout, d.grid(i), d.captions().get(i), 0f);
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        ShapeTaskData d = data();
        int n = context.quick() ? 200 : 1000;
        LabeledImages test = SyntheticShapes.generate(n, context.seed() * 31 + 5);
        int[][] grids = d.codec().tokenize(test.packedPixels(), n);
        List<String> generated = generateCaptions(model, layout, grids);
        boolean[] exact = new boolean[n];
        int unparsable = 0;
        int[] attr = new int[4];
        for (int i = 0; i < n; i++) {
            String want = test.text(i);
            String got = generated.get(i);
            exact[i] = want.equals(got);
            SyntheticShapes.Spec w = SyntheticShapes.Spec.parse(want);
            SyntheticShapes.Spec g;
            try {
                g = got == null ? null : SyntheticShapes.Spec.parse(got);
            } catch (IllegalArgumentException e) {
                g = null;
            }
            if (g == null) {
                unparsable++;
                continue;
            }
            attr[0] += g.shape() == w.shape() ? 1 : 0;
            attr[1] += g.colour() == w.colour() ? 1 : 0;
            attr[2] += g.size() == w.size() ? 1 : 0;
            attr[3] += g.position() == w.position() ? 1 : 0;
        }
        List<List<ImageData>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < Math.min(12, n); i++) {
            rows.add(List.of(test.image(i)));
            String got = generated.get(i) == null ? "(not UTF-8)" : generated.get(i);
            labels.add((got.equals(test.text(i)) ? "ok: " : "WRONG: ") + got);
        }
        String png = name() + "-samples.png";
        java.nio.file.Files.createDirectories(context.outDir());
        ImageGrid.write(context.outDir().resolve(png), rows, labels, 3);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("images", n);
        details.put("shape_accuracy", (double) attr[0] / n);
        details.put("colour_accuracy", (double) attr[1] / n);
        details.put("size_accuracy", (double) attr[2] / n);
        details.put("position_accuracy", (double) attr[3] / n);
        details.put("unparsable", (double) unparsable / n);
        details.put("decoding", "greedy, closed set of " + SyntheticShapes.allCaptions().size() + " captions");
        return TaskScore.of("exact_match", true, ItemScores.passes(exact), details, List.of(png));
    }

    /** Greedy captions, each one of the known shapes captions. */
    private static List<String> generateCaptions(DecoderModel model, VocabularyLayout layout, int[][] grids) {
        return VisionGeneration.caption(model, layout, grids, SyntheticShapes.allCaptions());
    }
}
