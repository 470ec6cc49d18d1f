package dev.tessera.vision.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.train.ParameterStore;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.util.NativeArrays;
import dev.tessera.core.util.Permutations;
import dev.tessera.vision.data.LabeledImages;
import dev.tessera.vision.nn.Ops;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * The independent judge of generated images: a small CNN ({@code conv3x3 16, pool, conv3x3 32,
 * pool, dense 64, dense classes}) trained with DJL on real training images only. It never sees
 * tokens or generated samples, so it can score text-to-image generation; its 64 penultimate activations
 * ({@link #features}) are the features of the FID-style {@link FrechetDistance} between generated and real
 * images.
 *
 * <p>Thread safety: not thread-safe (training updates the weights in place, and every pass allocates in one
 * native memory manager); use one classifier per thread.
 */
public final class ImageClassifier implements AutoCloseable {
    /** Width of the penultimate layer, {@link #features(float[], int)}. */
    public static final int FEATURES = 64;
    /** Images per forward pass of {@link #predict} and {@link #features}. */
    private static final int CHUNK = 500;

    private final int size;
    private final int channels;
    private final int classes;
    private final ParameterStore params;

    /**
     * Creates an untrained classifier.
     *
     * @param size the square image side (divisible by 4)
     * @param channels 1 or 3
     * @param classes the number of classes
     * @param seed the initialiser seed
     */
    public ImageClassifier(int size, int channels, int classes, long seed) {
        if (size % 4 != 0) {
            throw new IllegalArgumentException("size (" + size + ") must be divisible by 4");
        }
        this.size = size;
        this.channels = channels;
        this.classes = classes;
        this.params = new ParameterStore(NDManager.newBaseManager(Device.cpu()), seed);
        params.normal("c1.weight", new Shape(16, channels, 3, 3), Math.sqrt(2.0 / (9 * channels)));
        params.zeros("c1.bias", new Shape(16));
        params.normal("c2.weight", new Shape(32, 16, 3, 3), Math.sqrt(2.0 / (9 * 16)));
        params.zeros("c2.bias", new Shape(32));
        int flat = 32 * (size / 4) * (size / 4);
        params.normal("fc1.weight", new Shape(flat, FEATURES), Math.sqrt(2.0 / flat));
        params.zeros("fc1.bias", new Shape(FEATURES));
        params.normal("fc2.weight", new Shape(FEATURES, classes), Math.sqrt(1.0 / FEATURES));
        params.zeros("fc2.bias", new Shape(classes));
    }

    private NDArray logits(NDArray x) {
        return features(x).matMul(params.get("fc2.weight")).add(params.get("fc2.bias"));
    }

    /** The penultimate layer: the 64 ReLU activations the class scores are read from. */
    private NDArray features(NDArray x) {
        Shape pool = new Shape(2, 2);
        NDArray h = Activation.relu(Ops.conv(x, params.get("c1.weight"), params.get("c1.bias"), 1, 1));
        h = Pool.maxPool2d(h, pool, pool, new Shape(0, 0), false);
        h = Activation.relu(Ops.conv(h, params.get("c2.weight"), params.get("c2.bias"), 1, 1));
        h = Pool.maxPool2d(h, pool, pool, new Shape(0, 0), false);
        h = h.reshape(h.getShape().get(0), -1);
        return Activation.relu(h.matMul(params.get("fc1.weight")).add(params.get("fc1.bias")));
    }

    /**
     * The judge's features of packed images: its penultimate layer, what {@link FrechetDistance} compares
     * between generated and real images.
     *
     * @param pixels packed images of this classifier's shape
     * @param n the number of images
     * @return {@code [image][feature]}, {@value #FEATURES} features each
     */
    public double[][] features(float[] pixels, int n) {
        double[][] out = new double[n][];
        inChunks(pixels, n, (start, b, x) -> {
            float[] f = features(x).toFloatArray();
            for (int i = 0; i < b; i++) {
                double[] row = new double[FEATURES];
                for (int j = 0; j < FEATURES; j++) {
                    row[j] = f[i * FEATURES + j];
                }
                out[start + i] = row;
            }
        });
        return out;
    }

    /** What {@link #inChunks} does with each chunk: its first image, its size and its images as an array. */
    private interface ChunkAction {
        void accept(int start, int count, NDArray images);
    }

    /**
     * Runs {@code action} on packed images {@value #CHUNK} at a time, each chunk in a native memory scope of its
     * own.
     */
    private void inChunks(float[] pixels, int n, ChunkAction action) {
        int per = channels * size * size;
        if (pixels.length != (long) n * per) {
            throw new IllegalArgumentException(n + " images need " + (long) n * per + " values, got " + pixels.length);
        }
        for (int s = 0; s < n; s += CHUNK) {
            int b = Math.min(CHUNK, n - s);
            float[] chunk = new float[b * per];
            System.arraycopy(pixels, s * per, chunk, 0, chunk.length);
            try (NDScope scope = new NDScope()) {
                action.accept(s, b, NativeArrays.floats(params.manager(), chunk, new Shape(b, channels, size, size)));
            }
        }
    }

    /**
     * Trains on a labelled set with the core {@link TrainingLoop}: Adam (0.9, 0.999, no weight decay, no
     * clipping), the rate cosine-decayed from {@code learningRate} to 0 without warm-up, the data reshuffled
     * every epoch.
     *
     * @param data training images of this classifier's shape
     * @param epochs passes over the data
     * @param batch images per step
     * @param learningRate Adam learning rate (cosine-decayed)
     * @param seed batch-order seed
     * @param onStep called with the step number, from 1 (may be {@code null})
     * @throws IllegalArgumentException if the data has fewer images than one batch
     */
    public void train(LabeledImages data, int epochs, int batch, double learningRate, long seed, IntConsumer onStep) {
        checkShape(data);
        int n = data.size();
        int per = data.imageSize();
        int stepsPerEpoch = n / batch;
        if (epochs < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException(epochs + " epochs of batches of " + batch + " from " + n
                    + " images: need at least one step");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainingConfig tc = new TrainingConfig(epochs * stepsPerEpoch, learningRate, 0, 0, 0, 0.9, 0.999, 1e-8, 0, 1,
                0, 0, seed);
        try (TrainingLoop loop = new TrainingLoop(params, tc)) {
            if (onStep != null) {
                loop.listener(new dev.tessera.core.train.TrainingListener() {
                    @Override
                    public void onStep(dev.tessera.core.train.StepMetrics m) {
                        onStep.accept((int) m.step() + 1);
                    }
                });
            }
            loop.run((step, micro) -> {
                int s = (int) (step % stepsPerEpoch);
                if (s == 0) {
                    Permutations.shuffle(order, rnd);
                }
                float[] x = new float[batch * per];
                float[] y = new float[batch * classes];
                for (int b = 0; b < batch; b++) {
                    int idx = order[s * batch + b];
                    System.arraycopy(data.packedPixels(), idx * per, x, b * per, per);
                    y[b * classes + data.label(idx)] = 1;
                }
                NDArray xs = NativeArrays.floats(params.manager(), x, new Shape(batch, channels, size, size));
                NDArray ys = NativeArrays.floats(params.manager(), y, new Shape(batch, classes));
                return logits(xs).logSoftmax(1).mul(ys).sum(new int[] {1}).mean().neg();
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("classifier training: " + e.getMessage(), e);
        }
    }

    private void checkShape(LabeledImages data) {
        if (data.width() != size || data.height() != size || data.channels() != channels) {
            throw new IllegalArgumentException("classifier expects " + size + "x" + size + "x" + channels + " images, got "
                    + data.width() + "x" + data.height() + "x" + data.channels());
        }
    }

    /**
     * Predicts classes of packed images.
     *
     * @param pixels packed images of this classifier's shape
     * @param n the number of images
     * @return the predicted class of each
     */
    public int[] predict(float[] pixels, int n) {
        int[] out = new int[n];
        inChunks(pixels, n, (start, b, x) -> System.arraycopy(
                logits(x).argMax(1).toType(DataType.INT32, false).toIntArray(), 0, out, start, b));
        return out;
    }

    /**
     * Returns the accuracy on a labelled set.
     *
     * @param data the images
     * @return the fraction classified correctly
     */
    public double accuracy(LabeledImages data) {
        checkShape(data);
        int[] p = predict(data.packedPixels(), data.size());
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == data.label(i)) {
                ok++;
            }
        }
        return (double) ok / p.length;
    }

    /**
     * Serialises the weights (shape in the metadata).
     *
     * @return safetensors bytes
     */
    public byte[] toBytes() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("size", Integer.toString(size));
        meta.put("channels", Integer.toString(channels));
        meta.put("classes", Integer.toString(classes));
        return Safetensors.toBytes(params.toTensors(), meta);
    }

    /**
     * Restores a classifier written by {@link #toBytes()}.
     *
     * @param bytes safetensors bytes
     * @param source a name for error messages
     * @return the classifier
     * @throws IOException if the bytes are corrupt or inconsistent
     */
    public static ImageClassifier fromBytes(byte[] bytes, String source) throws IOException {
        Safetensors.Content c = Safetensors.read(ByteBuffer.wrap(bytes), source);
        ImageClassifier k;
        try {
            k = new ImageClassifier(Integer.parseInt(c.metadata().get("size")),
                    Integer.parseInt(c.metadata().get("channels")), Integer.parseInt(c.metadata().get("classes")), 0);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": bad classifier shape in the metadata: " + e.getMessage(), e);
        }
        try {
            k.params.load(c.tensors(), source);
            return k;
        } catch (IOException | RuntimeException e) {
            k.close();
            throw e;
        }
    }

    @Override
    public void close() {
        params.close();
    }
}
