package dev.tessera.vision.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.vision.data.ShapeCaptionChecker;
import dev.tessera.vision.data.SyntheticShapes;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.image.ImageGrid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code caption_to_image}: draw a synthetic shape from its caption. Examples are
 * {@code BOS BEGIN:text caption END:text BEGIN:image 49 codes END:image EOS} with loss on the image
 * codes, END:image and EOS. The score ({@code checker_pass_rate}) is the fraction of generated
 * images that the programmatic {@link ShapeCaptionChecker} accepts for their caption; generation is
 * forced to exactly 49 image codes.
 */
public final class CaptionToImageTask extends ShapeTask {
    private final ImageSampling sampling;

    /**
     * Creates the task with the standard data and sampling at temperature 0.3, top-k 4 (the settings
     * {@code vision-eval --data shapes} is measured with).
     */
    public CaptionToImageTask() {
        this(ShapeTaskData.Settings.standard(), new ImageSampling(0.3, 4, 0));
    }

    /**
     * Creates the task.
     *
     * @param settings the data settings
     * @param sampling how images are drawn in {@link #evaluate} (the seed comes from the context)
     */
    public CaptionToImageTask(ShapeTaskData.Settings settings, ImageSampling sampling) {
        super(settings);
        this.sampling = sampling;
    }

    @Override
    public String name() {
        return "caption_to_image";
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        ShapeTaskData d = data();
        int i = rng.nextInt(d.size());
        return VisionSequences.textToImage(layout, d.captions().get(i), d.grid(i));
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        ShapeTaskData d = data();
        List<String> all = new ArrayList<>(SyntheticShapes.allCaptions());
        // 384 samples in the full run (a standard error of 1.1 points at a pass rate of 0.95); the grid shows 24 rows
        int rows = Math.min(all.size(), context.quick() ? 12 : 48);
        int perRow = context.quick() ? 4 : 8;
        int shownRows = Math.min(rows, 24);
        Collections.shuffle(all, new java.util.Random(context.seed() + 17));
        List<String> chosen = all.subList(0, rows);
        List<String> prompts = new ArrayList<>();
        for (String c : chosen) {
            prompts.addAll(Collections.nCopies(perRow, c));
        }
        int[][] grids = VisionGeneration.generateImages(model, layout, prompts, tokensPerImage(),
                sampling.withSeed(context.seed() * 7919 + 1));
        float[] px = d.codec().detokenize(grids);
        boolean[] passed = new boolean[prompts.size()];
        List<List<ImageData>> gridRows = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<ImageData> row = new ArrayList<>();
            for (int k = 0; k < perRow; k++) {
                int i = r * perRow + k;
                ImageData im = ShapeTaskData.image(px, i);
                passed[i] = ShapeCaptionChecker.matches(im, prompts.get(i));
                row.add(im);
            }
            if (r < shownRows) {
                gridRows.add(row);
            }
        }
        String png = name() + "-samples.png";
        java.nio.file.Files.createDirectories(context.outDir());
        ImageGrid.write(context.outDir().resolve(png), gridRows, chosen.subList(0, shownRows), 3);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("samples", prompts.size());
        details.put("captions", rows);
        details.put("temperature", sampling.temperature());
        details.put("top_k", sampling.topK());
        details.put("reconstruction_pass_rate", d.reconstructionPassRate());
        return TaskScore.of("checker_pass_rate", true, ItemScores.passes(passed), details, List.of(png));
    }
}
