package dev.tessera.vision.task;

import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.LogitsProcessors;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Text-to-image, image completion and captioning on a {@link DecoderModel} through the core
 * {@link Generator}: image segments are forced to exactly {@code tokens} codes from the image head
 * ({@link LogitsProcessors#exactLength}), captions to one of the known texts
 * ({@link CaptionConstraint}). Generation never modifies the model.
 */
public final class VisionGeneration {
    /** Rows per generation batch. */
    static final int BATCH = 100;

    private VisionGeneration() {
    }

    /**
     * Generates one image per text.
     *
     * @param model the model
     * @param layout its layout (with {@code text} and {@code image})
     * @param texts the captions, one image each
     * @param tokens codes per image (the grid's size)
     * @param sampling how codes are drawn (row {@code i} uses seed {@code seed + i})
     * @return one grid of exactly {@code tokens} local codes per text
     */
    public static int[][] generateImages(DecoderModel model, VocabularyLayout layout, List<String> texts, int tokens,
            ImageSampling sampling) {
        List<int[]> prompts = new ArrayList<>();
        for (String t : texts) {
            prompts.add(VisionSequences.textToImagePrompt(layout, t));
        }
        return continueImages(model, layout, prompts, new int[texts.size()][0], tokens, sampling, true);
    }

    /**
     * Completes images from their first codes (raster order), optionally after a caption.
     *
     * @param model the model
     * @param layout its layout
     * @param text the caption, or {@code null} for an image-only prompt
     * @param prefixes known first codes of each image (each shorter than {@code tokens})
     * @param tokens codes per image
     * @param sampling how codes are drawn
     * @return full grids, each starting with its prefix
     */
    public static int[][] completeImages(DecoderModel model, VocabularyLayout layout, String text, int[][] prefixes,
            int tokens, ImageSampling sampling) {
        List<int[]> prompts = new ArrayList<>();
        for (int[] p : prefixes) {
            if (p.length >= tokens) {
                throw new IllegalArgumentException("an image prefix must be shorter than the grid's " + tokens
                        + " codes, got " + p.length);
            }
            int[] head = text != null ? VisionSequences.textToImagePrompt(layout, text)
                    : new int[] {layout.bos(), layout.begin(VisionSequences.IMAGE)};
            int[] ids = Arrays.copyOf(head, head.length + p.length);
            for (int i = 0; i < p.length; i++) {
                ids[head.length + i] = layout.toGlobal(VisionSequences.IMAGE, p[i]);
            }
            prompts.add(ids);
        }
        return continueImages(model, layout, prompts, prefixes, tokens, sampling, false);
    }

    /**
     * Continues image prompts to {@code tokens} codes each; with {@code guided} and a guidance scale other than
     * 1, each row is guided away from the unconditional image prompt {@code BOS BEGIN:image} (which the model
     * learns from the image half of its image-to-text sequences).
     */
    private static int[][] continueImages(DecoderModel model, VocabularyLayout layout, List<int[]> prompts,
            int[][] prefixes, int tokens, ImageSampling sampling, boolean guided) {
        boolean guide = guided && sampling.guidance() != 1;
        int[] unconditional = {layout.bos(), layout.begin(VisionSequences.IMAGE)};
        Generator gen = new Generator(new DjlDecodeEngine(model), layout);
        List<LogitsProcessor> constraints = List.of(LogitsProcessors.exactLength(layout, VisionSequences.IMAGE, tokens));
        int endImage = layout.end(VisionSequences.IMAGE);
        int[][] out = new int[prompts.size()][];
        for (int s = 0; s < prompts.size(); s += BATCH) {
            int e = Math.min(prompts.size(), s + BATCH);
            // budget: the missing codes plus END:image (a stop token)
            int need = tokens - prefixes[s].length;
            for (int i = s; i < e; i++) {
                if (prefixes[i].length != prefixes[s].length) {
                    throw new IllegalArgumentException("prefixes of one call must share one length, got "
                            + prefixes[s].length + " and " + prefixes[i].length);
                }
            }
            SamplingConfig cfg = sampling.withSeed(sampling.seed() + s).toConfig(need + 1).withStopTokens(endImage);
            List<GenerationResult> res = guide
                    ? gen.generateGuided(prompts.subList(s, e), Collections.nCopies(e - s, unconditional),
                            sampling.guidance(), cfg, constraints, null)
                    : gen.generateBatch(prompts.subList(s, e), cfg, constraints, null);
            for (int i = s; i < e; i++) {
                int[] g = res.get(i - s).tokens();
                if (g.length != need + 1 || g[need] != endImage) {
                    throw new IllegalStateException("generation of image " + i + " did not end after exactly " + tokens
                            + " codes (got " + g.length + " tokens, finish " + res.get(i - s).reason() + ")");
                }
                int[] grid = Arrays.copyOf(prefixes[i], tokens);
                for (int j = 0; j < need; j++) {
                    grid[prefixes[i].length + j] = layout.toLocal(VisionSequences.IMAGE, g[j]);
                }
                out[i] = grid;
            }
        }
        return out;
    }

    /** Bytes a free caption may have ({@link #caption} without a closed set). */
    public static final int FREE_CAPTION_BYTES = 120;

    /**
     * Captions images greedily, each caption one of {@code captions}, or free text when {@code captions} is
     * empty (at most {@value #FREE_CAPTION_BYTES} bytes, ending where the model ends the text).
     *
     * @param model the model
     * @param layout its layout
     * @param grids the images' local codes
     * @param captions the texts that may be written, or an empty list for free text
     * @return one caption per image
     */
    public static List<String> caption(DecoderModel model, VocabularyLayout layout, int[][] grids, List<String> captions) {
        Generator gen = new Generator(new DjlDecodeEngine(model), layout);
        List<LogitsProcessor> constraints = captions.isEmpty() ? List.of(LogitsProcessors.headConstraint(layout))
                : List.of(new CaptionConstraint(layout, captions));
        int maxBytes = captions.isEmpty() ? FREE_CAPTION_BYTES
                : captions.stream().mapToInt(c -> ByteText.encode(c).length).max().orElse(1);
        int endText = layout.end(ByteText.NAME);
        SamplingConfig cfg = SamplingConfig.greedy(maxBytes + 1).withStopTokens(endText);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < grids.length; s += BATCH) {
            int e = Math.min(grids.length, s + BATCH);
            List<int[]> prompts = new ArrayList<>();
            for (int i = s; i < e; i++) {
                prompts.add(VisionSequences.captionPrompt(layout, grids[i]));
            }
            for (GenerationResult r : gen.generateBatch(prompts, cfg, constraints, null)) {
                int[] g = r.tokens();
                int n = g.length > 0 && g[g.length - 1] == endText ? g.length - 1 : g.length;
                int[] local = new int[n];
                for (int j = 0; j < n; j++) {
                    local[j] = layout.toLocal(ByteText.NAME, g[j]);
                }
                out.add(ByteText.decode(local));
            }
        }
        return out;
    }
}
