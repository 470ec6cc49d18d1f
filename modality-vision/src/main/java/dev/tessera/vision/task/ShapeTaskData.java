package dev.tessera.vision.task;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.task.TaskContext;
import dev.tessera.text.modality.ByteText;
import dev.tessera.vision.data.LabeledImages;
import dev.tessera.vision.data.ShapeCaptionChecker;
import dev.tessera.vision.data.SyntheticShapes;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.kmeans.PatchCodebook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The data of the synthetic-shapes tasks: captioned 28x28 RGB shapes, a k-means patch tokenizer
 * (4x4 patches, so 49 codes per image) fitted on them and cached under the task context's cache
 * folder (keyed by its settings), and the training images as code grids.
 */
public final class ShapeTaskData {
    private final Settings settings;
    private final PatchCodebook codec;
    private final List<String> captions;
    private final int[][] grids;
    private final double reconstructionPassRate;

    /**
     * What the data are made of.
     *
     * @param codebookSize k-means codes (the image modality's vocabulary)
     * @param trainImages captioned training images drawn
     * @param kmeansIterations Lloyd iterations of the tokenizer fit
     * @param seed the seed of the training images and the fit
     */
    public record Settings(int codebookSize, int trainImages, int kmeansIterations, long seed) {
        /** Validates the fields. */
        public Settings {
            if (codebookSize < 2 || trainImages < 1 || kmeansIterations < 1) {
                throw new IllegalArgumentException("bad shape-task settings: codebookSize " + codebookSize
                        + " (>= 2), trainImages " + trainImages + " (>= 1), kmeansIterations " + kmeansIterations + " (>= 1)");
            }
        }

        /**
         * The settings both shape tasks use by default: 512 codes, 20 Lloyd iterations, 6,000 images (the
         * checker accepts 98.0% of tokenized-then-decoded images; 256 codes and 12 iterations gave 84.6%).
         *
         * @return the settings
         */
        public static Settings standard() {
            return new Settings(512, 6000, 20, 7);
        }

        String cacheKey() {
            return String.format(Locale.ROOT, "shapes-kmeans-p4-k%d-n%d-it%d-s%d.safetensors", codebookSize,
                    Math.min(trainImages, 4000), kmeansIterations, seed);
        }
    }

    private ShapeTaskData(Settings settings, PatchCodebook codec, List<String> captions, int[][] grids,
            double reconstructionPassRate) {
        this.settings = settings;
        this.codec = codec;
        this.captions = captions;
        this.grids = grids;
        this.reconstructionPassRate = reconstructionPassRate;
    }

    /**
     * Draws the training images, fits (or loads from the cache) the tokenizer and tokenizes them.
     *
     * @param settings the settings
     * @param context the task context (its cache folder keeps the tokenizer)
     * @return the data
     * @throws IOException if the cache cannot be read or written
     */
    public static ShapeTaskData prepare(Settings settings, TaskContext context) throws IOException {
        LabeledImages train = SyntheticShapes.generate(settings.trainImages(), settings.seed());
        Files.createDirectories(context.cacheDir());
        Path cached = context.cacheDir().resolve(settings.cacheKey());
        PatchCodebook codec;
        if (Files.isRegularFile(cached)) {
            codec = PatchCodebook.fromBytes(Files.readAllBytes(cached), cached.toString());
            if (codec.codebookSize() != settings.codebookSize() || codec.channels() != 3) {
                throw new IOException(cached + ": cached tokenizer has " + codec.codebookSize() + " codes and "
                        + codec.channels() + " channels; expected " + settings.codebookSize() + " and 3");
            }
            context.log().println("shapes: loaded tokenizer " + cached);
        } else {
            context.log().println("shapes: fitting the k-means patch tokenizer (" + settings.codebookSize() + " codes)");
            codec = PatchCodebook.fit(train, 4, settings.codebookSize(), 4000, settings.kmeansIterations(),
                    settings.seed(), null);
            AtomicFiles.write(cached, codec.toBytes());
        }
        int[][] grids = codec.tokenize(train.packedPixels(), train.size());
        List<String> captions = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            captions.add(train.text(i));
        }
        // the ceiling of generation: how often the checker accepts a tokenized-then-decoded real image
        int n = Math.min(500, train.size());
        float[] rec = codec.detokenize(Arrays.copyOf(grids, n));
        int ok = 0;
        for (int i = 0; i < n; i++) {
            ok += ShapeCaptionChecker.matches(image(rec, i), captions.get(i)) ? 1 : 0;
        }
        return new ShapeTaskData(settings, codec, List.copyOf(captions), grids, (double) ok / n);
    }

    /**
     * Cuts image {@code i} out of packed detokenized pixels.
     *
     * @param packed packed 28x28 RGB images
     * @param i the index
     * @return the image
     */
    static ImageData image(float[] packed, int i) {
        int size = 3 * SyntheticShapes.SIZE * SyntheticShapes.SIZE;
        return new ImageData(SyntheticShapes.SIZE, SyntheticShapes.SIZE, 3,
                Arrays.copyOfRange(packed, i * size, (i + 1) * size));
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return the image tokenizer */
    public PatchCodebook codec() {
        return codec;
    }

    /** @return the caption of each training image */
    public List<String> captions() {
        return captions;
    }

    /**
     * Returns the codes of a training image.
     *
     * @param i the index
     * @return a copy of its 49 codes
     */
    public int[] grid(int i) {
        return grids[i].clone();
    }

    /** @return the number of training images */
    public int size() {
        return grids.length;
    }

    /** @return the checker's pass rate on tokenized-then-decoded training images (generation's ceiling) */
    public double reconstructionPassRate() {
        return reconstructionPassRate;
    }

    /** @return the longest caption in bytes */
    public static int maxCaptionBytes() {
        return SyntheticShapes.allCaptions().stream().mapToInt(c -> ByteText.encode(c).length).max().orElse(0);
    }
}
