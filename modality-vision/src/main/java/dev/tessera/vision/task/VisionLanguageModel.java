package dev.tessera.vision.task;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.io.Json;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.StepMetrics;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.train.TrainingResult;
import dev.tessera.text.modality.ByteText;
import dev.tessera.vision.ImageCodec;
import dev.tessera.vision.ImageModality;
import dev.tessera.vision.image.ImageData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Text and images on the shared core backbone ({@link DecoderModel}, GPT-2 blocks): a framed
 * {@link VocabularyLayout} with the {@code "text"} modality (256 UTF-8 bytes) and the
 * {@code "image"} modality (the codec's codes), trained with the core {@link TrainingLoop} and
 * {@link TokenLoss} (a softmax per head) on both sequence forms of {@link VisionSequences}, and
 * generating through the core generator ({@link VisionGeneration}). Saved as a {@code .tessera}
 * {@link ModelBundle} that holds the image codec as the image modality's state and the known
 * captions in its metadata.
 *
 * <p>Thread safety: not thread-safe (it trains and scores one DJL model); use one per thread, or {@code TesseraModel} on its saved bundle for concurrent use.
 */
public final class VisionLanguageModel implements AutoCloseable {
    /** The text modality name. */
    public static final String TEXT = ByteText.NAME;
    /** The image modality name. */
    public static final String IMAGE = VisionSequences.IMAGE;
    private static final String CAPTIONS_KEY = "vision.captions";

    private final ImageCodec codec;
    private final List<String> captions;
    private final VocabularyLayout layout;
    private final DecoderModel model;

    /**
     * Backbone size.
     *
     * @param layers transformer blocks
     * @param heads attention heads
     * @param dModel residual width
     */
    public record Size(int layers, int heads, int dModel) {
        /** Validates the fields. */
        public Size {
            if (layers < 1 || heads < 1 || dModel < heads || dModel % heads != 0) {
                throw new IllegalArgumentException("bad backbone size: layers " + layers + ", heads " + heads + ", dModel "
                        + dModel + " (heads must divide dModel)");
            }
        }
    }

    /**
     * Training options.
     *
     * @param steps optimizer steps
     * @param batch sequences per step
     * @param learningRate peak learning rate (warm-up 5%, cosine to 10%)
     * @param imageLossWeightInCaptioning weight of the image codes' loss in image-to-text sequences
     * @param captioningFraction fraction of sequences in the image-to-text form (the rest text-to-image)
     * @param seed the seed
     */
    public record TrainOptions(int steps, int batch, double learningRate, double imageLossWeightInCaptioning,
            double captioningFraction, long seed) {
        /** Validates the fields. */
        public TrainOptions {
            if (steps < 1 || batch < 1 || !(learningRate > 0) || !(imageLossWeightInCaptioning >= 0)
                    || !(captioningFraction >= 0 && captioningFraction <= 1)) {
                throw new IllegalArgumentException("bad training options: steps " + steps + ", batch " + batch
                        + ", learningRate " + learningRate + ", imageLossWeightInCaptioning " + imageLossWeightInCaptioning
                        + ", captioningFraction " + captioningFraction + " (must be in [0, 1])");
            }
        }
    }

    /**
     * Progress after a training step.
     *
     * @param step the step (1-based)
     * @param steps the total
     * @param loss the batch loss (nats per weighted token)
     * @param tokensPerSecond processed tokens per second so far
     * @param seconds elapsed seconds
     */
    public record Progress(int step, int steps, double loss, double tokensPerSecond, double seconds) { }

    private VisionLanguageModel(ImageCodec codec, List<String> captions, VocabularyLayout layout, DecoderModel model) {
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("a vision model needs at least one caption");
        }
        this.codec = codec;
        this.captions = List.copyOf(captions);
        this.layout = layout;
        this.model = model;
        int need = maxCaptionBytes(captions) + codec.tokensPerImage() + 6;
        if (model.config().contextLength() < need) {
            throw new IllegalArgumentException("context length " + model.config().contextLength() + " is shorter than the "
                    + need + " ids of the longest caption plus an image");
        }
    }

    /**
     * The layout of a vision model: text bytes and the codec's codes.
     *
     * @param codebookSize codes of the image codec
     * @return a framed layout
     */
    public static VocabularyLayout layoutFor(int codebookSize) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put(TEXT, ByteText.VOCABULARY);
        sizes.put(IMAGE, codebookSize);
        return VocabularyLayout.framed(sizes);
    }

    /**
     * Creates an untrained model with GPT-2 blocks.
     *
     * @param codec the image tokenizer
     * @param captions every text the model may write (class names or captions)
     * @param size the backbone size
     * @param seed the initialiser seed
     * @return the model
     */
    public static VisionLanguageModel create(ImageCodec codec, List<String> captions, Size size, long seed) {
        VocabularyLayout layout = layoutFor(codec.codebookSize());
        int context = maxCaptionBytes(captions) + codec.tokensPerImage() + 6;
        ModelConfig cfg = ModelConfig.gpt2(layout.size(), context, size.layers(), size.heads(), size.dModel());
        return new VisionLanguageModel(codec, captions, layout, DecoderModel.create(cfg, seed, Device.cpu()));
    }

    private static int maxCaptionBytes(List<String> captions) {
        return captions.stream().mapToInt(c -> ByteText.encode(c).length).max().orElse(0);
    }

    /** @return the vocabulary layout */
    public VocabularyLayout layout() {
        return layout;
    }

    /** @return the backbone (owned by this object) */
    public DecoderModel model() {
        return model;
    }

    /** @return the number of backbone weights */
    public long parameterCount() {
        return model.parameterCount();
    }

    /** @return the image codec */
    public ImageCodec codec() {
        return codec;
    }

    /** @return the texts this model may write */
    public List<String> captions() {
        return captions;
    }

    /**
     * Builds a whole text-to-image sequence.
     *
     * @param text the caption
     * @param grid the image's codes
     * @return global ids
     */
    public int[] textToImage(String text, int[] grid) {
        checkGrid(grid);
        return VisionSequences.textToImage(layout, text, grid).ids();
    }

    private void checkGrid(int[] grid) {
        if (grid.length != codec.tokensPerImage()) {
            throw new IllegalArgumentException("an image needs exactly " + codec.tokensPerImage() + " codes, got "
                    + grid.length);
        }
    }

    // ------------------------------------------------------------------ training

    /**
     * Trains on paired texts and token grids with the core training loop: each sequence of a step
     * is an image-to-text form with probability {@code captioningFraction}, else text-to-image.
     *
     * @param texts the caption of each example
     * @param grids the codes of each example
     * @param options the options
     * @param progress called after each step (may be {@code null})
     * @return the last progress
     * @throws IOException never in practice (no checkpoints are written)
     */
    public Progress train(List<String> texts, int[][] grids, TrainOptions options, Consumer<Progress> progress)
            throws IOException {
        return train(texts, grids, options, progress, null, 0);
    }

    /**
     * Trains as {@link #train(List, int[][], TrainOptions, Consumer)}, running an evaluator every
     * {@code evalEvery} steps and at the end (a learning curve).
     *
     * @param texts the caption of each example
     * @param grids the codes of each example
     * @param options the options
     * @param progress called after each step (may be {@code null})
     * @param evaluator called every {@code evalEvery} steps (may be {@code null})
     * @param evalEvery evaluation interval in steps (0: only at the end)
     * @return the last progress
     * @throws IOException never in practice (no checkpoints are written)
     */
    public Progress train(List<String> texts, int[][] grids, TrainOptions options, Consumer<Progress> progress,
            TrainingLoop.Evaluator evaluator, int evalEvery) throws IOException {
        if (texts.size() != grids.length || grids.length == 0) {
            throw new IllegalArgumentException(texts.size() + " texts for " + grids.length + " token grids");
        }
        for (int[] g : grids) {
            checkGrid(g);
        }
        TrainingConfig tc = TrainingConfig.reference(options.steps(), options.learningRate(), options.seed())
                .withEvalEvery(evalEvery);
        Progress[] last = new Progress[1];
        long seqLen = maxCaptionBytes(texts) + codec.tokensPerImage() + 5L;
        try (TokenLoss loss = new TokenLoss(layout, model.manager());
                NDManager scratch = model.manager().newSubManager();
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            loop.tokensPerStep(options.batch() * seqLen);
            if (evaluator != null) {
                loop.evaluator(evaluator);
            }
            loop.listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    last[0] = new Progress((int) m.step() + 1, (int) m.totalSteps(), m.loss(), m.tokensPerSecond(),
                            m.elapsedSeconds());
                    if (progress != null) {
                        progress.accept(last[0]);
                    }
                }
            });
            TrainingResult r = loop.run((step, micro) -> {
                SplittableRandom rng = new SplittableRandom(options.seed() * 1_000_003L + step);
                List<TaskExample> ex = new ArrayList<>();
                for (int i = 0; i < options.batch(); i++) {
                    int k = rng.nextInt(grids.length);
                    ex.add(rng.nextDouble() < options.captioningFraction()
                            ? VisionSequences.imageToText(layout, grids[k], texts.get(k),
                                    (float) options.imageLossWeightInCaptioning())
                            : VisionSequences.textToImage(layout, texts.get(k), grids[k]));
                }
                return loss.loss(model, batchOf(layout, ex), scratch);
            });
            return new Progress((int) r.steps(), options.steps(), r.finalLoss(), r.tokensPerSecond(), r.seconds());
        }
    }

    /**
     * Packs examples of different lengths into one batch, padding with EOS at weight 0.
     *
     * @param layout the layout
     * @param examples the examples
     * @return the batch
     */
    public static TokenBatch batchOf(VocabularyLayout layout, List<TaskExample> examples) {
        int t = examples.stream().mapToInt(TaskExample::length).max().orElse(2) - 1;
        int b = examples.size();
        int[][] in = new int[b][t];
        int[][] tg = new int[b][t];
        float[][] w = new float[b][t];
        for (int i = 0; i < b; i++) {
            int[] ids = examples.get(i).ids();
            float[] wt = examples.get(i).weights();
            Arrays.fill(in[i], layout.eos());
            Arrays.fill(tg[i], layout.eos());
            System.arraycopy(ids, 0, in[i], 0, ids.length - 1);
            System.arraycopy(ids, 1, tg[i], 0, ids.length - 1);
            System.arraycopy(wt, 0, w[i], 0, wt.length);
        }
        return new TokenBatch(in, tg, w);
    }

    // ------------------------------------------------------------------ generation

    /**
     * Generates images for one caption.
     *
     * @param text the caption
     * @param count how many images
     * @param sampling how codes are drawn (image {@code i} with seed {@code seed + i})
     * @return {@code count} token grids of exactly {@code grid^2} codes
     */
    public int[][] generateImages(String text, int count, ImageSampling sampling) {
        return VisionGeneration.generateImages(model, layout, java.util.Collections.nCopies(count, text),
                codec.tokensPerImage(), sampling);
    }

    /**
     * Completes images from their first codes (raster order), optionally conditioned on a caption.
     *
     * @param text the caption, or {@code null} for an unconditioned completion
     * @param prefixes the known first codes of each image (all of one length, below {@code grid^2})
     * @param sampling how codes are drawn
     * @return full token grids, each starting with its prefix
     */
    public int[][] completeImages(String text, int[][] prefixes, ImageSampling sampling) {
        return VisionGeneration.completeImages(model, layout, text, prefixes, codec.tokensPerImage(), sampling);
    }

    /**
     * Captions images by generating text after them (greedy, restricted to the known captions).
     *
     * @param grids the images' codes
     * @return one caption per image
     */
    public List<String> caption(int[][] grids) {
        for (int[] g : grids) {
            checkGrid(g);
        }
        return VisionGeneration.caption(model, layout, grids, captions);
    }

    /**
     * @return a ranker that captions with both directions of this model (image-to-text and
     *     text-to-image), over {@link #captions()}
     */
    public CaptionRanker ranker() {
        return new CaptionRanker(model, layout, captions, codec.tokensPerImage());
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Saves the model as a {@code .tessera} bundle (weights, layout, the codec as the image
     * modality's state, the captions in the metadata).
     *
     * @param path the bundle file (written atomically)
     * @param metadata further provenance
     * @throws IOException on failure
     */
    public void save(Path path, Map<String, String> metadata) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(CAPTIONS_KEY, Json.COMPACT.toJson(captions));
        List<Modality<?>> mods = List.of(new ImageModality(IMAGE, codec));
        ModelBundle.of(model, layout, mods, meta).save(path);
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @param path the bundle file
     * @return the model
     * @throws IOException if the file is missing, corrupt or not a vision model bundle
     */
    public static VisionLanguageModel load(Path path) throws IOException {
        ModelBundle b = ModelBundle.load(path);
        try {
            String caps = b.metadata().get(CAPTIONS_KEY);
            if (caps == null) {
                throw new IOException(path + ": not a vision model bundle (no '" + CAPTIONS_KEY + "' metadata)");
            }
            ImageModality im = (ImageModality) b.modality(IMAGE, ImageData.class);
            if (!b.layout().equals(layoutFor(im.codec().codebookSize()))) {
                throw new IOException(path + ": layout " + b.layout() + " is not a text+image layout");
            }
            return new VisionLanguageModel(im.codec(), List.of(Json.GSON.fromJson(caps, String[].class)), b.layout(),
                    b.model());
        } catch (IOException | RuntimeException e) {
            b.close();
            throw e;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
