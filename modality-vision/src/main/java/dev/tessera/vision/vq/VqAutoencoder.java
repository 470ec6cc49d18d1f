package dev.tessera.vision.vq;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.tessera.core.io.Json;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.train.ParameterStore;
import dev.tessera.core.util.NativeArrays;
import dev.tessera.vision.ImageCodec;
import dev.tessera.vision.data.LabeledImages;
import dev.tessera.vision.kmeans.KMeans;
import dev.tessera.vision.nn.Ops;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A VQ-VAE on raw DJL arrays: a convolutional encoder to a {@code grid x grid} map of code
 * vectors, nearest-code lookup in a codebook, and a convolutional decoder back to pixels.
 *
 * <p>Encoder: the image is cut into {@code downsample x downsample} patches by space-to-depth (a
 * patch embedding with no weights), and a learned residual branch of convolutions on the token grid
 * ({@code 3x3, 3x3, 1x1}, the last initialised to zero) is added. Decoder: a residual branch of
 * {@code 3x3} convolutions on the quantised grid (the last zero-initialised) is added to the code
 * vectors, and pixel-shuffle (depth-to-space by reshape/transpose) upsamples them to pixels; every
 * output patch so sees a 9x9 neighbourhood of codes. All convolutions run at grid resolution, which
 * keeps training cheap on a CPU ({@code ConvTranspose2d} is avoided: its backward pass is slow on
 * this engine). So an untrained model with a k-means codebook is exactly the k-means patch
 * tokenizer, and training improves from there. The codebook is not trained by gradients but by
 * EMA updates in {@link VqTrainer}.
 *
 * <p>Shapes: images (batch, channels, size, size) in [0, 1]; codes (batch, codeDim, grid, grid).
 */
public final class VqAutoencoder implements ImageCodec, AutoCloseable {
    /** The provider name of VQ codecs. */
    public static final String PROVIDER = "vision-vq";

    private final VqConfig config;
    private final ParameterStore params;
    private float[] codebook;

    /**
     * Creates a model with fresh weights and a zero codebook (fit it with
     * {@link #initCodebook(LabeledImages, int, long)} or train it with {@link VqTrainer}).
     *
     * @param config the shapes
     * @param seed the initialiser seed
     * @param device where the arrays live
     */
    public VqAutoencoder(VqConfig config, long seed, Device device) {
        this.config = config;
        this.params = new ParameterStore(NDManager.newBaseManager(device), seed);
        this.codebook = new float[config.codebookSize() * config.codeDim()];
        int h = config.hidden();
        int d = config.codeDim();
        conv("enc.in", h, d, 3);
        conv("enc.mid", h, h, 3);
        convZero("enc.out", d, h, 1);
        conv("dec.in", h, d, 3);
        conv("dec.mid.0", h, h, 3);
        conv("dec.mid.1", h, h, 3);
        convZero("dec.out", d, h, 3);
    }

    private void conv(String name, int out, int in, int k) {
        params.normal(name + ".weight", new Shape(out, in, k, k), Math.sqrt(2.0 / (in * k * k)));
        params.zeros(name + ".bias", new Shape(out));
    }

    private void convZero(String name, int out, int in, int k) {
        params.zeros(name + ".weight", new Shape(out, in, k, k));
        params.zeros(name + ".bias", new Shape(out));
    }

    private NDArray conv(NDArray x, String name, int stride, int pad) {
        return Ops.conv(x, params.get(name + ".weight"), params.get(name + ".bias"), stride, pad);
    }

    /** @return the config */
    public VqConfig config() {
        return config;
    }

    @Override
    public int imageSize() {
        return config.imageSize();
    }

    @Override
    public int channels() {
        return config.channels();
    }

    @Override
    public int grid() {
        return config.grid();
    }

    @Override
    public int codebookSize() {
        return config.codebookSize();
    }

    @Override
    public String providerName() {
        return PROVIDER;
    }

    /** @return the trainable weights (the codebook is not among them: {@link VqTrainer} moves it by EMA) */
    public ParameterStore parameters() {
        return params;
    }

    /** @return the manager that owns the weights */
    public NDManager manager() {
        return params.manager();
    }

    /** @return a copy of the codebook, {@code codebookSize * codeDim} values */
    public float[] codebook() {
        return codebook.clone();
    }

    @Override
    public float[] codeVectors() {
        return codebook.clone();
    }

    float[] codebookView() {
        return codebook;
    }

    void setCodebook(float[] c) {
        if (c.length != codebook.length) {
            throw new IllegalArgumentException("codebook of " + c.length + " values, expected " + codebook.length);
        }
        this.codebook = c.clone();
    }

    /**
     * Encodes images to continuous code vectors.
     *
     * @param x images (batch, channels, size, size)
     * @return (batch, codeDim, grid, grid)
     */
    public NDArray encode(NDArray x) {
        checkImages(x);
        NDArray patches = Ops.spaceToDepth(x, config.downsample());
        NDArray e = Activation.relu(conv(patches, "enc.in", 1, 1));
        e = Activation.relu(conv(e, "enc.mid", 1, 1));
        return patches.add(conv(e, "enc.out", 1, 0));
    }

    /**
     * Decodes (quantised) code vectors to images (not clamped).
     *
     * @param q (batch, codeDim, grid, grid)
     * @return (batch, channels, size, size)
     */
    public NDArray decode(NDArray q) {
        NDArray r = Activation.relu(conv(q, "dec.in", 1, 1));
        r = Activation.relu(conv(r, "dec.mid.0", 1, 1));
        r = Activation.relu(conv(r, "dec.mid.1", 1, 1));
        return Ops.depthToSpace(q.add(conv(r, "dec.out", 1, 1)), config.downsample());
    }

    private void checkImages(NDArray x) {
        Shape s = x.getShape();
        Shape want = new Shape(s.get(0), config.channels(), config.imageSize(), config.imageSize());
        if (s.dimension() != 4 || !s.equals(want)) {
            throw new IllegalArgumentException("VQ encoder expects images of shape (batch, " + config.channels() + ", "
                    + config.imageSize() + ", " + config.imageSize() + "), got " + s);
        }
    }

    /**
     * Turns (batch, codeDim, grid, grid) vectors into packed rows (batch*grid*grid, codeDim), raster order.
     *
     * @param z the code map
     * @return the rows
     */
    static NDArray rows(NDArray z) {
        return z.transpose(0, 2, 3, 1).reshape(-1, z.getShape().get(1));
    }

    /**
     * Looks codes up and lays them out as a code map.
     *
     * @param manager the owner of the result
     * @param ids codes, {@code batch * grid * grid}, raster order per image
     * @param batch the number of images
     * @return (batch, codeDim, grid, grid)
     */
    public NDArray lookup(NDManager manager, int[] ids, int batch) {
        int d = config.codeDim();
        int g = config.grid();
        float[] q = new float[ids.length * d];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= config.codebookSize()) {
                throw new IllegalArgumentException("code " + ids[i] + " at position " + i + " is outside the codebook of "
                        + config.codebookSize());
            }
            System.arraycopy(codebook, ids[i] * d, q, i * d, d);
        }
        return NativeArrays.floats(manager, q, new Shape(batch, g, g, d)).transpose(0, 3, 1, 2);
    }

    /**
     * Assigns nearest codes to packed rows.
     *
     * @param rows {@code n * codeDim} values
     * @return {@code n} codes
     */
    public int[] nearest(float[] rows) {
        int[] a = new int[rows.length / config.codeDim()];
        KMeans.assign(rows, config.codeDim(), codebook, config.codebookSize(), a, null);
        return a;
    }

    /**
     * Tokenizes packed images.
     *
     * @param pixels {@code n * channels * size * size} values in [0, 1]
     * @param n the number of images
     * @return {@code n} token grids of {@code grid * grid} codes
     */
    @Override
    public int[][] tokenize(float[] pixels, int n) {
        int per = config.channels() * config.imageSize() * config.imageSize();
        int t = config.tokensPerImage();
        int[][] out = new int[n][];
        int batch = 256;
        for (int s = 0; s < n; s += batch) {
            int b = Math.min(batch, n - s);
            float[] chunk = new float[b * per];
            System.arraycopy(pixels, s * per, chunk, 0, chunk.length);
            try (NDScope scope = new NDScope()) {
                NDArray x = NativeArrays.floats(manager(), chunk, new Shape(b, config.channels(), config.imageSize(),
                        config.imageSize()));
                int[] ids = nearest(rows(encode(x)).toFloatArray());
                for (int i = 0; i < b; i++) {
                    out[s + i] = java.util.Arrays.copyOfRange(ids, i * t, (i + 1) * t);
                }
            }
        }
        return out;
    }

    /**
     * Decodes token grids to packed images clamped to [0, 1].
     *
     * @param grids token grids
     * @return {@code grids.length * channels * size * size} values
     */
    @Override
    public float[] detokenize(int[][] grids) {
        int per = config.channels() * config.imageSize() * config.imageSize();
        int t = config.tokensPerImage();
        float[] out = new float[grids.length * per];
        int batch = 256;
        for (int s = 0; s < grids.length; s += batch) {
            int b = Math.min(batch, grids.length - s);
            int[] ids = new int[b * t];
            for (int i = 0; i < b; i++) {
                if (grids[s + i].length != t) {
                    throw new IllegalArgumentException("token grid " + (s + i) + " has " + grids[s + i].length
                            + " tokens, expected " + t);
                }
                System.arraycopy(grids[s + i], 0, ids, i * t, t);
            }
            try (NDScope scope = new NDScope()) {
                float[] px = decode(lookup(manager(), ids, b)).clip(0, 1).toFloatArray();
                System.arraycopy(px, 0, out, s * per, px.length);
            }
        }
        return out;
    }

    /**
     * Fits the codebook by k-means on encoder outputs of (a sample of) images.
     *
     * @param images training images
     * @param maxImages how many images to sample at most
     * @param seed the k-means seed
     */
    public void initCodebook(LabeledImages images, int maxImages, long seed) {
        int n = Math.min(maxImages, images.size());
        float[] px = new float[n * images.imageSize()];
        System.arraycopy(images.packedPixels(), 0, px, 0, px.length);
        float[] rows = encodeRows(px, n);
        codebook = KMeans.fit(rows, config.codeDim(), new KMeans.Config(config.codebookSize(), 12, 20_000, seed), null);
    }

    float[] encodeRows(float[] pixels, int n) {
        int per = config.channels() * config.imageSize() * config.imageSize();
        int rowsPer = config.tokensPerImage() * config.codeDim();
        float[] out = new float[n * rowsPer];
        for (int s = 0; s < n; s += 256) {
            int b = Math.min(256, n - s);
            float[] chunk = new float[b * per];
            System.arraycopy(pixels, s * per, chunk, 0, chunk.length);
            try (NDScope scope = new NDScope()) {
                NDArray x = NativeArrays.floats(manager(), chunk, new Shape(b, config.channels(), config.imageSize(),
                        config.imageSize()));
                float[] r = rows(encode(x)).toFloatArray();
                System.arraycopy(r, 0, out, s * rowsPer, r.length);
            }
        }
        return out;
    }

    /**
     * Serialises weights, codebook and config to safetensors bytes (config in the metadata).
     *
     * @return the bytes
     */
    @Override
    public byte[] toBytes() {
        Map<String, Tensor> t = new LinkedHashMap<>(params.toTensors());
        t.put("codebook", Tensor.f32(new long[] {config.codebookSize(), config.codeDim()}, codebook));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("vq_config", Json.COMPACT.toJson(config));
        return Safetensors.toBytes(t, meta);
    }

    /**
     * Restores a model written by {@link #toBytes()}.
     *
     * @param bytes the safetensors bytes
     * @param source a name for error messages
     * @param device where to put the arrays
     * @return the model
     * @throws IOException if the bytes are corrupt or inconsistent (the message names the tensor)
     */
    public static VqAutoencoder fromBytes(byte[] bytes, String source, Device device) throws IOException {
        Safetensors.Content c = Safetensors.read(ByteBuffer.wrap(bytes), source);
        String json = c.metadata().get("vq_config");
        if (json == null) {
            throw new IOException(source + ": no 'vq_config' in the safetensors metadata");
        }
        VqConfig cfg;
        try {
            cfg = Json.GSON.fromJson(json, VqConfig.class);
        } catch (RuntimeException e) {
            throw new IOException(source + ": bad vq_config: " + e.getMessage(), e);
        }
        VqAutoencoder m = new VqAutoencoder(cfg, 0, device);
        try {
            m.params.load(c.tensors(), source);
            Tensor cb = c.tensors().get("codebook");
            if (cb == null) {
                throw new IOException(source + ": missing tensor 'codebook'");
            }
            m.setCodebook(cb.floats());
        } catch (IOException e) {
            m.close();
            throw e;
        } catch (IllegalArgumentException e) {
            m.close();
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        return m;
    }

    @Override
    public void close() {
        params.close();
    }
}
