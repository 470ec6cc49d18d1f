package dev.tessera.vision.task;

import ai.djl.Device;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.io.Json;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import dev.tessera.vision.ImageCodec;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.modality.ImageModality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text and images on the shared core backbone ({@link DecoderModel}): a framed
 * {@link VocabularyLayout} with the {@code "text"} modality (256 UTF-8 bytes) and the
 * {@code "image"} modality (the codec's codes), the closed set of captions it may write, and the
 * readouts over them: text-to-image, completion and captioning through the core generator
 * ({@link VisionGeneration}), two-way captioning ({@link CaptionRanker}). It is trained as a one-task
 * mixture ({@link ImageTextPairsTask}) by the core {@link dev.tessera.core.task.MultiTaskTrainer} and
 * saved as a {@code .tessera} {@link ModelBundle} that holds the image codec as the image modality's
 * state and the known captions in its metadata.
 *
 * <p>Not thread-safe: one thread at a time may generate from a model (the core
 * {@link dev.tessera.core.api.TesseraModel} is the thread-safe way to serve a saved bundle).
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

    private VisionLanguageModel(ImageCodec codec, List<String> captions, VocabularyLayout layout, DecoderModel model) {
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("a vision model needs at least one caption");
        }
        this.codec = codec;
        this.captions = List.copyOf(captions);
        this.layout = layout;
        this.model = model;
        // the longest framed sequence (BOS, two segments, EOS) minus its last id, which is only a target
        int need = maxCaptionBytes(captions) + codec.tokensPerImage() + 5;
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
     * Creates an untrained model.
     *
     * @param codec the image tokenizer
     * @param captions every text the model may write (class names or captions)
     * @param backbone the backbone's blocks, heads and width; its vocabulary size and context length are
     *     replaced by the layout's size and the longest caption plus an image
     * @param seed the initialiser seed
     * @return the model
     */
    public static VisionLanguageModel create(ImageCodec codec, List<String> captions, ModelConfig backbone, long seed) {
        VocabularyLayout layout = layoutFor(codec.codebookSize());
        int context = maxCaptionBytes(captions) + codec.tokensPerImage() + 5;
        ModelConfig cfg = backbone.withVocabSize(layout.size()).withContextLength(context);
        return new VisionLanguageModel(codec, captions, layout, DecoderModel.create(cfg, seed, Device.cpu()));
    }

    /**
     * Wraps a model trained elsewhere (e.g. on {@link ImageTextPairsTask} by the core
     * {@link dev.tessera.core.task.MultiTaskTrainer}); the result owns the model.
     *
     * @param codec the image tokenizer the model was trained with
     * @param captions every text the model may write
     * @param layout the model's layout (must be {@link #layoutFor} the codec's codebook size)
     * @param model the backbone
     * @return the vision model (closing it closes {@code model})
     * @throws IllegalArgumentException if the layout is not a text+image layout of this codec, or the
     *     context cannot hold the longest caption with an image
     */
    public static VisionLanguageModel of(ImageCodec codec, List<String> captions, VocabularyLayout layout,
            DecoderModel model) {
        if (!layout.equals(layoutFor(codec.codebookSize()))) {
            throw new IllegalArgumentException("layout " + layout + " is not the text+image layout of a "
                    + codec.codebookSize() + "-code codec");
        }
        return new VisionLanguageModel(codec, captions, layout, model);
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
     * Saves the model as a {@code .tessera} bundle (weights, layout, both modalities: the byte text the
     * captions are written in and the image modality with the codec as its state, the captions in the
     * metadata), so {@code ModelBundle.load} or {@code TesseraModel.load} alone rebuilds it.
     *
     * @param path the bundle file (written atomically)
     * @param metadata further provenance
     * @throws IOException on failure
     */
    public void save(Path path, Map<String, String> metadata) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(CAPTIONS_KEY, Json.COMPACT.toJson(captions));
        List<Modality<?>> mods = List.of(ByteText.modality(), new ImageModality(IMAGE, codec));
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
