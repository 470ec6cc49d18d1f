package dev.tessera.vision.kmeans;

import dev.tessera.core.io.Json;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Tensor;
import dev.tessera.vision.ImageCodec;
import dev.tessera.vision.data.LabeledImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The k-means patch tokenizer's model (Image-GPT / DiGIT family): an image is cut into
 * non-overlapping {@code patch x patch} squares in raster order, each replaced by the index of its
 * nearest centroid; decoding pastes the centroids back. A patch vector is ordered
 * {@code c * patch^2 + dy * patch + dx}.
 *
 * @param imageSize the square image side
 * @param channels 1 or 3
 * @param patch the patch side (divides {@code imageSize})
 * @param codebookSize the number of centroids
 * @param centroids {@code codebookSize * channels * patch^2} values
 */
public record PatchCodebook(int imageSize, int channels, int patch, int codebookSize, float[] centroids)
        implements ImageCodec {
    /** The provider name of k-means codecs. */
    public static final String PROVIDER = "vision-kmeans";


    /** Validates the shape. */
    public PatchCodebook {
        if (patch < 1 || imageSize % patch != 0) {
            throw new IllegalArgumentException("patch (" + patch + ") must divide imageSize (" + imageSize + ")");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels (" + channels + ") must be 1 or 3");
        }
        if (centroids.length != codebookSize * channels * patch * patch) {
            throw new IllegalArgumentException(codebookSize + " centroids of " + channels * patch * patch
                    + " values need " + codebookSize * channels * patch * patch + " values, got " + centroids.length);
        }
        centroids = centroids.clone();
    }

    @Override
    public float[] centroids() {
        return centroids.clone();
    }

    @Override
    public float[] codeVectors() {
        return centroids.clone();
    }

    @Override
    public String providerName() {
        return PROVIDER;
    }

    @Override
    public int grid() {
        return imageSize / patch;
    }

    @Override
    public int tokensPerImage() {
        return grid() * grid();
    }

    /** @return values per patch vector */
    public int dim() {
        return channels * patch * patch;
    }

    /**
     * Fits a codebook on the first {@code maxImages} images of a set.
     *
     * @param images the training images (square, {@code imageSize} divisible by {@code patch})
     * @param patch the patch side
     * @param codebookSize the number of centroids
     * @param maxImages how many images to use
     * @param iterations Lloyd iterations
     * @param seed the seed
     * @param onIteration progress callback or {@code null}
     * @return the fitted codebook
     */
    public static PatchCodebook fit(LabeledImages images, int patch, int codebookSize, int maxImages, int iterations,
            long seed, IntConsumer onIteration) {
        if (images.width() != images.height()) {
            throw new IllegalArgumentException("patch tokenizer needs square images, got " + images.width() + "x"
                    + images.height());
        }
        int n = Math.min(maxImages, images.size());
        PatchCodebook shape = new PatchCodebook(images.width(), images.channels(), patch, codebookSize,
                new float[codebookSize * images.channels() * patch * patch]);
        float[] rows = shape.patches(images.packedPixels(), n);
        float[] c = KMeans.fit(rows, shape.dim(), new KMeans.Config(codebookSize, iterations, 20_000, seed), onIteration);
        return new PatchCodebook(images.width(), images.channels(), patch, codebookSize, c);
    }

    /**
     * Cuts packed images into packed patch vectors.
     *
     * @param pixels packed images
     * @param n the number of images
     * @return {@code n * tokensPerImage * dim} values
     */
    public float[] patches(float[] pixels, int n) {
        int s = imageSize;
        int g = grid();
        int d = dim();
        int per = channels * s * s;
        if (pixels.length < (long) n * per) {
            throw new IllegalArgumentException(n + " images need " + (long) n * per + " values, got " + pixels.length);
        }
        float[] out = new float[n * g * g * d];
        int o = 0;
        for (int i = 0; i < n; i++) {
            for (int gy = 0; gy < g; gy++) {
                for (int gx = 0; gx < g; gx++) {
                    for (int c = 0; c < channels; c++) {
                        for (int dy = 0; dy < patch; dy++) {
                            int src = i * per + (c * s + gy * patch + dy) * s + gx * patch;
                            System.arraycopy(pixels, src, out, o, patch);
                            o += patch;
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Tokenizes packed images.
     *
     * @param pixels packed images of this codebook's shape
     * @param n the number of images
     * @return one grid of {@code tokensPerImage} codes per image
     */
    @Override
    public int[][] tokenize(float[] pixels, int n) {
        float[] rows = patches(pixels, n);
        int[] a = new int[n * tokensPerImage()];
        KMeans.assign(rows, dim(), centroids, codebookSize, a, null);
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(a, i * tokensPerImage(), (i + 1) * tokensPerImage());
        }
        return out;
    }

    /**
     * Pastes centroids back into packed images.
     *
     * @param grids token grids
     * @return packed images
     * @throws IllegalArgumentException if a grid has the wrong length or an id is outside the codebook
     */
    @Override
    public float[] detokenize(int[][] grids) {
        int s = imageSize;
        int g = grid();
        int d = dim();
        int per = channels * s * s;
        float[] out = new float[grids.length * per];
        for (int i = 0; i < grids.length; i++) {
            if (grids[i].length != g * g) {
                throw new IllegalArgumentException("token grid " + i + " has " + grids[i].length + " tokens, expected " + g * g);
            }
            for (int t = 0; t < g * g; t++) {
                int id = grids[i][t];
                if (id < 0 || id >= codebookSize) {
                    throw new IllegalArgumentException("code " + id + " at image " + i + ", token " + t
                            + " is outside the codebook of " + codebookSize);
                }
                int gy = t / g;
                int gx = t % g;
                int o = id * d;
                for (int c = 0; c < channels; c++) {
                    for (int dy = 0; dy < patch; dy++) {
                        int dst = i * per + (c * s + gy * patch + dy) * s + gx * patch;
                        System.arraycopy(centroids, o, out, dst, patch);
                        o += patch;
                    }
                }
            }
        }
        return out;
    }

    @Override
    public byte[] toBytes() {
        return Safetensors.toBytes(Map.of("centroids", Tensor.f32(new long[] {codebookSize, dim()}, centroids)),
                Map.of("patch_config", Json.COMPACT.toJson(new Shape(imageSize, channels, patch, codebookSize))));
    }

    /**
     * Restores a codebook written by {@link #toBytes()}.
     *
     * @param bytes the safetensors bytes
     * @param source a name for error messages
     * @return the codebook
     * @throws IOException if the bytes are corrupt or inconsistent
     */
    public static PatchCodebook fromBytes(byte[] bytes, String source) throws IOException {
        Safetensors.Content c = Safetensors.read(ByteBuffer.wrap(bytes), source);
        String json = c.metadata().get("patch_config");
        Tensor t = c.tensors().get("centroids");
        if (json == null || t == null) {
            throw new IOException(source + ": needs tensor 'centroids' and metadata 'patch_config'");
        }
        try {
            Shape s = Json.GSON.fromJson(json, Shape.class);
            return new PatchCodebook(s.imageSize(), s.channels(), s.patch(), s.codebookSize(), t.floats());
        } catch (RuntimeException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private record Shape(int imageSize, int channels, int patch, int codebookSize) { }
}
