package dev.tessera.vision.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.task.ClassRates;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import dev.tessera.vision.ImageCodec;
import dev.tessera.vision.modality.ImageModality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code image_text_pairs}: paired captions and token grids of any labelled image set, in both
 * directions of {@link VisionSequences}. Each drawn example is, with probability
 * {@code captioningFraction}, an image-to-text sequence (loss on the caption, weighted by
 * {@link #withCaptionWeight the caption weight}, 1 unless set, and {@code imageWeight} on the image codes) and
 * otherwise a text-to-image sequence (loss on the codes).
 * This is the task {@code vision-eval} trains its backbone on, as a one-task mixture of the core
 * {@link dev.tessera.core.task.MultiTaskTrainer}.
 *
 * <p>Scoring captions the task's test grids greedily under the closed caption set
 * ({@link VisionGeneration#caption}) and reports exact match, with the accuracy of each caption in the
 * details ({@code accuracy_per_caption}), so a caption the model never writes shows as 0.
 *
 * <p>Immutable after construction; {@link #sample} may be called from one thread at a time per
 * random stream.
 */
public final class ImageTextPairsTask implements Task {
    /** The task's name. */
    public static final String NAME = "image_text_pairs";

    private final ImageCodec codec;
    private final List<String> captions;
    private final List<String> texts;
    private final int[][] grids;
    private final List<String> testTexts;
    private final int[][] testGrids;
    private final double captioningFraction;
    private final float imageWeight;
    private final float captionWeight;
    private final int maxLength;

    /**
     * Creates the task.
     *
     * @param codec the image codec the grids were made with
     * @param captions every text the model may write (the closed set of scoring)
     * @param texts the caption of each training example
     * @param grids the codes of each training example ({@code codec.tokensPerImage()} each)
     * @param testTexts the captions of the scoring images (may be empty)
     * @param testGrids the codes of the scoring images
     * @param captioningFraction probability that a drawn example is image-to-text, in [0, 1]
     * @param imageWeight loss weight of the image codes in image-to-text examples (&gt;= 0)
     * @throws IllegalArgumentException if the pairs do not match in number, a grid has the wrong size,
     *     a text is not one of the captions, or a weight is out of range
     */
    public ImageTextPairsTask(ImageCodec codec, List<String> captions, List<String> texts, int[][] grids,
            List<String> testTexts, int[][] testGrids, double captioningFraction, double imageWeight) {
        this(codec, captions, texts, grids, testTexts, testGrids, captioningFraction, imageWeight, 1);
    }

    private ImageTextPairsTask(ImageCodec codec, List<String> captions, List<String> texts, int[][] grids,
            List<String> testTexts, int[][] testGrids, double captioningFraction, double imageWeight,
            double captionWeight) {
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("image_text_pairs needs at least one caption");
        }
        if (texts.size() != grids.length || grids.length == 0) {
            throw new IllegalArgumentException("image_text_pairs: " + texts.size() + " texts for " + grids.length
                    + " training grids (need one text per grid, at least one)");
        }
        if (testTexts.size() != testGrids.length) {
            throw new IllegalArgumentException("image_text_pairs: " + testTexts.size() + " test texts for "
                    + testGrids.length + " test grids");
        }
        if (!(captionWeight > 0) || Double.isInfinite(captionWeight)) {
            throw new IllegalArgumentException("image_text_pairs: captionWeight (" + captionWeight
                    + ") must be finite and > 0");
        }
        if (!(captioningFraction >= 0 && captioningFraction <= 1) || !(imageWeight >= 0)
                || Double.isInfinite(imageWeight)) {
            throw new IllegalArgumentException("image_text_pairs: captioningFraction (" + captioningFraction
                    + ") must be in [0, 1] and imageWeight (" + imageWeight + ") finite and >= 0");
        }
        this.codec = codec;
        this.captions = List.copyOf(captions);
        this.texts = List.copyOf(texts);
        this.grids = grids.clone();
        this.testTexts = List.copyOf(testTexts);
        this.testGrids = testGrids.clone();
        this.captioningFraction = captioningFraction;
        this.imageWeight = (float) imageWeight;
        checkPairs(this.texts, this.grids, "training");
        checkPairs(this.testTexts, this.testGrids, "test");
        this.captionWeight = (float) captionWeight;
        VocabularyLayout probe = VisionLanguageModel.layoutFor(codec.codebookSize());
        int[] blank = new int[codec.tokensPerImage()];
        int longest = 0;
        for (String c : this.captions) {
            longest = Math.max(longest, VisionSequences.imageToText(probe, blank, c, 0f).length());
        }
        this.maxLength = longest;
    }

    private void checkPairs(List<String> t, int[][] g, String what) {
        java.util.Set<String> known = new java.util.HashSet<>(captions);
        for (int i = 0; i < g.length; i++) {
            if (g[i].length != codec.tokensPerImage()) {
                throw new IllegalArgumentException("image_text_pairs: " + what + " grid " + i + " has " + g[i].length
                        + " codes, the codec makes " + codec.tokensPerImage());
            }
            if (!known.contains(t.get(i))) {
                throw new IllegalArgumentException("image_text_pairs: " + what + " text " + i + " '" + t.get(i)
                        + "' is not one of the captions " + captions);
            }
        }
    }

    /**
     * Returns a copy whose image-to-text examples weigh their caption (its bytes, END:text and EOS) by
     * {@code weight} in the loss instead of 1. A caption is a few bytes of which one or two tell the classes
     * apart, against the 49 image codes of a text-to-image example: a weight above 1 gives captioning more of
     * each step's gradient without changing which examples are drawn.
     *
     * @param weight the caption's loss weight (&gt; 0)
     * @return the task with that weight
     * @throws IllegalArgumentException if the weight is not finite and positive
     */
    public ImageTextPairsTask withCaptionWeight(double weight) {
        return new ImageTextPairsTask(codec, captions, texts, grids, testTexts, testGrids, captioningFraction,
                imageWeight, weight);
    }

    /** @return the loss weight of the caption in image-to-text examples */
    public double captionWeight() {
        return captionWeight;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Integer> vocabularies() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(VisionLanguageModel.TEXT, ByteText.VOCABULARY);
        m.put(VisionLanguageModel.IMAGE, codec.codebookSize());
        return m;
    }

    @Override
    public List<Modality<?>> modalities() {
        return List.of(new ImageModality(VisionLanguageModel.IMAGE, codec));
    }

    /** @return the longest example: the longest caption and an image, framed */
    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        int k = rng.nextInt(grids.length);
        return rng.nextDouble() < captioningFraction
                ? VisionSequences.imageToText(layout, grids[k], texts.get(k), imageWeight, captionWeight)
                : VisionSequences.textToImage(layout, texts.get(k), grids[k]);
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) {
        if (testGrids.length == 0) {
            throw new IllegalStateException("image_text_pairs was made without test images; nothing to score");
        }
        List<String> got = VisionGeneration.caption(model, layout, testGrids, captions);
        boolean[] exact = new boolean[testGrids.length];
        for (int i = 0; i < exact.length; i++) {
            exact[i] = testTexts.get(i).equals(got.get(i));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("images", exact.length);
        details.put("accuracy_per_caption", ClassRates.of(captions, testTexts, exact).rates());
        details.put("decoding", "greedy, closed set of " + captions.size() + " captions");
        return TaskScore.of("exact_match", true, ItemScores.passes(exact), details, List.of());
    }
}
