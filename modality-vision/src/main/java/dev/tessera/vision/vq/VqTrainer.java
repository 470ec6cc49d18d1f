package dev.tessera.vision.vq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.train.StepMetrics;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.util.NativeArrays;
import dev.tessera.core.util.Permutations;
import dev.tessera.vision.data.LabeledImages;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link VqAutoencoder}: pixel MSE plus a commitment loss, straight-through gradients
 * through the quantiser, Adam on the convolutions, EMA updates of the codebook (decayed counts
 * and sums, Laplace-smoothed) and restarts of dead codes (a code whose EMA count falls under the
 * threshold is moved onto a random encoder output of the current batch). The convolutions are trained
 * by the core {@link TrainingLoop} ({@link #trainingConfig}).
 */
public final class VqTrainer {

    /**
     * Training options.
     *
     * @param steps optimizer steps, at least 1
     * @param batch images per step, at least 1
     * @param learningRate peak Adam learning rate (linear warm-up over the first 5% of steps, cosine to 10%)
     * @param seed the batch-order seed
     * @param initImages images used to fit the initial codebook by k-means
     */
    public record Options(int steps, int batch, double learningRate, long seed, int initImages) {
        /** Validates the fields. */
        public Options {
            if (steps < 1) {
                throw new IllegalArgumentException("steps (" + steps + ") must be >= 1");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch (" + batch + ") must be >= 1");
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learningRate (" + learningRate + ") must be > 0");
            }
            if (initImages < 1) {
                throw new IllegalArgumentException("initImages (" + initImages + ") must be >= 1");
            }
        }
    }

    /**
     * Progress after a step.
     *
     * @param step the step just done (1-based)
     * @param steps the total
     * @param reconMse the batch's pixel MSE
     * @param batchPsnrDb the batch's mean per-image PSNR
     * @param restarts dead codes restarted so far
     * @param seconds elapsed seconds
     */
    public record Progress(int step, int steps, double reconMse, double batchPsnrDb, int restarts, double seconds) { }

    private VqTrainer() {
    }

    /**
     * Trains the model in place.
     *
     * @param model the model (its codebook is first fitted by k-means)
     * @param data training images matching the model's shape
     * @param options the options
     * @param progress called after each step (may be {@code null})
     * @return the final progress
     */
    public static Progress train(VqAutoencoder model, LabeledImages data, Options options, Consumer<Progress> progress) {
        VqConfig cfg = model.config();
        if (data.channels() != cfg.channels() || data.width() != cfg.imageSize() || data.height() != cfg.imageSize()) {
            throw new IllegalArgumentException("images are " + data.width() + "x" + data.height() + "x" + data.channels()
                    + " but the VQ model expects " + cfg.imageSize() + "x" + cfg.imageSize() + "x" + cfg.channels());
        }
        long t0 = System.nanoTime();
        model.initCodebook(data, options.initImages(), options.seed());
        int k = cfg.codebookSize();
        int d = cfg.codeDim();
        double[] emaCount = new double[k];
        double[] emaSum = new double[k * d];
        float[] cb = model.codebookView();
        double expected = (double) options.batch() * cfg.tokensPerImage() / k;
        for (int j = 0; j < k; j++) {
            emaCount[j] = expected;
            for (int t = 0; t < d; t++) {
                emaSum[j * d + t] = cb[j * d + t] * expected;
            }
        }
        SplittableRandom rnd = new SplittableRandom(options.seed());
        int per = data.imageSize();
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] cursor = {n};
        int[] restarts = {0};
        double[] measured = new double[2]; // the step's pixel MSE and mean per-image PSNR
        Progress[] last = {null};
        float[] px = data.packedPixels();
        int b = options.batch();
        Shape shape = new Shape(b, cfg.channels(), cfg.imageSize(), cfg.imageSize());
        try (TrainingLoop loop = new TrainingLoop(model.parameters(), trainingConfig(options))) {
            loop.listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    last[0] = new Progress((int) m.step() + 1, options.steps(), measured[0], measured[1], restarts[0],
                            (System.nanoTime() - t0) / 1e9);
                    if (progress != null) {
                        progress.accept(last[0]);
                    }
                }
            });
            loop.run((step, micro) -> {
                float[] batch = new float[b * per];
                for (int i = 0; i < b; i++) {
                    if (cursor[0] >= n) {
                        Permutations.shuffle(order, rnd);
                        cursor[0] = 0;
                    }
                    System.arraycopy(px, order[cursor[0]++] * per, batch, i * per, per);
                }
                NDArray x = NativeArrays.floats(model.manager(), batch, shape);
                NDArray z = model.encode(x);
                float[] zf = VqAutoencoder.rows(z).toFloatArray();
                int[] ids = model.nearest(zf);
                NDArray q = model.lookup(model.manager(), ids, b);
                NDArray zq = z.add(q.sub(z).stopGradient());
                NDArray perImage = model.decode(zq).sub(x).square().reshape(b, -1).mean(new int[] {1});
                NDArray recon = perImage.mean();
                NDArray commit = z.sub(q).square().mean();
                double s = 0;
                for (float v : perImage.toFloatArray()) {
                    s += Psnr.fromMse(v);
                }
                measured[0] = recon.getFloat();
                measured[1] = s / b;
                // the codebook is a Java array outside the graph (q was copied from it), so its EMA step may run
                // before the backward pass
                restarts[0] += emaUpdate(cb, emaCount, emaSum, zf, ids, cfg, rnd, (step + 1) % 20 == 0);
                return recon.add(commit.mul(NativeArrays.scalar(commit.getManager(), cfg.commitment())));
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("VQ training: " + e.getMessage(), e);
        }
        return last[0];
    }

    /**
     * The optimiser and schedule of a run: Adam (0.9, 0.99, eps 1e-8, no weight decay, no clipping), linear
     * warm-up over the first 5% of steps, cosine to a tenth of the peak rate.
     *
     * @param options the options
     * @return the core training config
     */
    public static TrainingConfig trainingConfig(Options options) {
        return new TrainingConfig(options.steps(), options.learningRate(), options.learningRate() / 10,
                Math.max(1, options.steps() / 20), 0, 0.9, 0.99, 1e-8, 0, 1, 0, 0, options.seed());
    }

    private static int emaUpdate(float[] cb, double[] count, double[] sum, float[] z, int[] ids, VqConfig cfg,
            SplittableRandom rnd, boolean checkDead) {
        int k = cfg.codebookSize();
        int d = cfg.codeDim();
        double g = cfg.emaDecay();
        double[] bc = new double[k];
        double[] bs = new double[k * d];
        for (int i = 0; i < ids.length; i++) {
            int a = ids[i];
            bc[a]++;
            for (int t = 0; t < d; t++) {
                bs[a * d + t] += z[i * d + t];
            }
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
            count[j] = g * count[j] + (1 - g) * bc[j];
            total += count[j];
            for (int t = 0; t < d; t++) {
                sum[j * d + t] = g * sum[j * d + t] + (1 - g) * bs[j * d + t];
            }
        }
        double eps = 1e-5;
        int restarted = 0;
        for (int j = 0; j < k; j++) {
            if (checkDead && count[j] < cfg.deadCodeThreshold()) {
                int src = rnd.nextInt(ids.length);
                double w = Math.max(1.0, total / k);
                count[j] = w;
                for (int t = 0; t < d; t++) {
                    double v = z[src * d + t] + 1e-3 * (rnd.nextDouble() - 0.5);
                    sum[j * d + t] = v * w;
                }
                restarted++;
            }
            double smoothed = (count[j] + eps) / (total + k * eps) * total;
            for (int t = 0; t < d; t++) {
                cb[j * d + t] = (float) (sum[j * d + t] / smoothed);
            }
        }
        return restarted;
    }
}
