package dev.tessera.vision.task;

import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
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
 * <p>Scoring: freshly drawn test images are captioned by free greedy byte decoding (only the core
 * head constraint: text bytes or END:text; no list of known captions). The score
 * ({@code exact_match}) is the fraction of generated captions equal to the true caption; since a
 * shapes caption is fixed by its four attributes, that is also the fraction with all four right.
 * The details add each attribute's accuracy (shape, colour, size, position; an unparsable caption
 * counts as wrong in all four) and the fraction of unparsable captions.
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
        int exact = 0;
        int unparsable = 0;
        int[] attr = new int[4];
        for (int i = 0; i < n; i++) {
            String want = test.text(i);
            String got = generated.get(i);
            exact += want.equals(got) ? 1 : 0;
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
        return new TaskScore("exact_match", (double) exact / n, true, details, List.of(png));
    }

    /** Greedy free captions (null where the bytes are not UTF-8). */
    private static List<String> generateCaptions(DecoderModel model, VocabularyLayout layout, int[][] grids) {
        Generator gen = new Generator(new DjlDecodeEngine(model), layout);
        int endText = layout.end(Utf8Text.MODALITY);
        SamplingConfig cfg = SamplingConfig.greedy(ShapeTaskData.maxCaptionBytes() + 1).withStopTokens(endText);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < grids.length; s += VisionGeneration.BATCH) {
            int e = Math.min(grids.length, s + VisionGeneration.BATCH);
            List<int[]> prompts = new ArrayList<>();
            for (int i = s; i < e; i++) {
                prompts.add(VisionSequences.captionPrompt(layout, grids[i]));
            }
            for (GenerationResult r : gen.generateBatch(prompts, cfg, List.of(), null)) {
                int[] g = r.tokens();
                int len = g.length > 0 && g[g.length - 1] == endText ? g.length - 1 : g.length;
                int[] local = new int[len];
                for (int j = 0; j < len; j++) {
                    local[j] = layout.toLocal(Utf8Text.MODALITY, g[j]);
                }
                String text;
                try {
                    text = Utf8Text.decode(local);
                } catch (IllegalArgumentException ex) {
                    text = null;
                }
                out.add(text);
            }
        }
        return out;
    }
}
