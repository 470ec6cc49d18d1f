package dev.tessera.vision.kmeans;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * k-means on packed float vectors: k-means++ seeding on a random sample, then Lloyd iterations
 * over all points (assignment by the expanded squared distance
 * {@code |x|^2 - 2 x.c + |c|^2}, spread over the available cores). Empty clusters are re-seeded
 * with the point that is currently worst served.
 *
 * <p>Written by hand on primitive arrays: the k-means in the class path (DDogleg's, through
 * BoofCV) works on lists of {@code double[]} and is several times slower at the ~10^6 points
 * x 512 clusters we fit here. Large assignment steps compute the cross terms as a matrix product
 * through DJL (BLAS); small ones stay in plain Java.
 */
public final class KMeans {
    private KMeans() {
    }

    /**
     * Fitting options.
     *
     * @param k the number of clusters, at least 1
     * @param iterations Lloyd iterations, at least 1
     * @param seedSample points used for k-means++ seeding (at least {@code k})
     * @param seed random seed
     */
    public record Config(int k, int iterations, int seedSample, long seed) {
        /** Validates the fields. */
        public Config {
            if (k < 1) {
                throw new IllegalArgumentException("k (" + k + ") must be >= 1");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations (" + iterations + ") must be >= 1");
            }
            if (seedSample < k) {
                throw new IllegalArgumentException("seedSample (" + seedSample + ") must be >= k (" + k + ")");
            }
        }
    }

    /**
     * Clusters {@code n = data.length / dim} points.
     *
     * @param data packed points, {@code n * dim} finite values
     * @param dim the dimension
     * @param config the options
     * @param onIteration called with the iteration number after each Lloyd iteration (may be {@code null})
     * @return the centroids, {@code k * dim} values
     * @throws IllegalArgumentException if there are fewer points than clusters
     */
    public static float[] fit(float[] data, int dim, Config config, IntConsumer onIteration) {
        if (dim < 1 || data.length % dim != 0) {
            throw new IllegalArgumentException("data length " + data.length + " is not a multiple of dim " + dim);
        }
        int n = data.length / dim;
        int k = config.k();
        if (n < k) {
            throw new IllegalArgumentException(n + " points cannot make " + k + " clusters");
        }
        SplittableRandom rnd = new SplittableRandom(config.seed());
        float[] c = seedPlusPlus(data, n, dim, k, Math.min(n, config.seedSample()), rnd);
        int[] assign = new int[n];
        float[] dist = new float[n];
        for (int it = 0; it < config.iterations(); it++) {
            assign(data, dim, c, k, assign, dist);
            double[] sum = new double[k * dim];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                int a = assign[i];
                count[a]++;
                int o = i * dim;
                int co = a * dim;
                for (int d = 0; d < dim; d++) {
                    sum[co + d] += data[o + d];
                }
            }
            for (int j = 0; j < k; j++) {
                if (count[j] == 0) {
                    int worst = 0;
                    for (int i = 1; i < n; i++) {
                        if (dist[i] > dist[worst]) {
                            worst = i;
                        }
                    }
                    System.arraycopy(data, worst * dim, c, j * dim, dim);
                    dist[worst] = 0;
                    continue;
                }
                for (int d = 0; d < dim; d++) {
                    c[j * dim + d] = (float) (sum[j * dim + d] / count[j]);
                }
            }
            if (onIteration != null) {
                onIteration.accept(it + 1);
            }
        }
        return c;
    }

    private static float[] seedPlusPlus(float[] data, int n, int dim, int k, int sampleSize, SplittableRandom rnd) {
        int[] sample = new int[sampleSize];
        if (sampleSize == n) {
            for (int i = 0; i < n; i++) {
                sample[i] = i;
            }
        } else {
            for (int i = 0; i < sampleSize; i++) {
                sample[i] = rnd.nextInt(n);
            }
        }
        float[] c = new float[k * dim];
        double[] d2 = new double[sampleSize];
        Arrays.fill(d2, Double.MAX_VALUE);
        int first = sample[rnd.nextInt(sampleSize)];
        System.arraycopy(data, first * dim, c, 0, dim);
        for (int j = 1; j < k; j++) {
            double total = 0;
            int prev = (j - 1) * dim;
            for (int s = 0; s < sampleSize; s++) {
                int o = sample[s] * dim;
                double d = 0;
                for (int t = 0; t < dim; t++) {
                    double diff = data[o + t] - c[prev + t];
                    d += diff * diff;
                }
                if (d < d2[s]) {
                    d2[s] = d;
                }
                total += d2[s];
            }
            int pick;
            if (total <= 0) {
                pick = sample[rnd.nextInt(sampleSize)];
            } else {
                double r = rnd.nextDouble() * total;
                int s = 0;
                while (s < sampleSize - 1 && (r -= d2[s]) > 0) {
                    s++;
                }
                pick = sample[s];
            }
            System.arraycopy(data, pick * dim, c, j * dim, dim);
        }
        return c;
    }

    /**
     * Assigns every point to its nearest centroid.
     *
     * @param data packed points
     * @param dim the dimension
     * @param c packed centroids
     * @param k the number of centroids
     * @param assign receives the nearest centroid of each point
     * @param dist receives the squared distance to it (may be {@code null})
     */
    public static void assign(float[] data, int dim, float[] c, int k, int[] assign, float[] dist) {
        int n = data.length / dim;
        if ((long) n * k * dim < 4_000_000L) {
            assignJava(data, dim, c, k, assign, dist, 0, n);
            return;
        }
        // Large problems: the cross terms x.c as one matrix product per chunk (BLAS through DJL).
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray cents = m.create(c, new Shape(k, dim));
            NDArray ct = cents.transpose();
            NDArray cn = cents.square().sum(new int[] {1});
            int chunk = 8192;
            for (int s = 0; s < n; s += chunk) {
                int b = Math.min(chunk, n - s);
                try (NDScope scope = new NDScope()) {
                    float[] part = new float[b * dim];
                    System.arraycopy(data, s * dim, part, 0, part.length);
                    NDArray x = m.create(part, new Shape(b, dim));
                    NDArray scores = cn.sub(x.matMul(ct).mul(2));
                    int[] a = scores.argMin(1).toType(DataType.INT32, false).toIntArray();
                    System.arraycopy(a, 0, assign, s, b);
                    if (dist != null) {
                        float[] mins = scores.min(new int[] {1}).add(x.square().sum(new int[] {1})).toFloatArray();
                        for (int i = 0; i < b; i++) {
                            dist[s + i] = Math.max(0f, mins[i]);
                        }
                    }
                }
            }
        }
    }

    private static void assignJava(float[] data, int dim, float[] c, int k, int[] assign, float[] dist, int from, int to) {
        float[] cn = norms(c, k, dim);
        for (int i = from; i < to; i++) {
            int o = i * dim;
            int best = nearest(c, cn, k, dim, data, o);
            assign[i] = best;
            if (dist != null) {
                float xn = 0;
                float dot = 0;
                for (int d = 0; d < dim; d++) {
                    xn += data[o + d] * data[o + d];
                    dot += data[o + d] * c[best * dim + d];
                }
                dist[i] = Math.max(0f, xn - 2 * dot + cn[best]);
            }
        }
    }

    /**
     * Returns the squared norm of every centroid.
     *
     * @param c packed centroids
     * @param k the count
     * @param dim the dimension
     * @return {@code k} norms
     */
    public static float[] norms(float[] c, int k, int dim) {
        float[] cn = new float[k];
        for (int j = 0; j < k; j++) {
            float s = 0;
            for (int d = 0; d < dim; d++) {
                s += c[j * dim + d] * c[j * dim + d];
            }
            cn[j] = s;
        }
        return cn;
    }

    /**
     * Finds the nearest centroid of one point.
     *
     * @param c packed centroids
     * @param cn their squared norms ({@link #norms})
     * @param k the count
     * @param dim the dimension
     * @param x the array holding the point
     * @param off the point's offset in {@code x}
     * @return the index of the nearest centroid (the lowest index on ties)
     */
    public static int nearest(float[] c, float[] cn, int k, int dim, float[] x, int off) {
        int best = 0;
        float bestScore = Float.MAX_VALUE;
        for (int j = 0; j < k; j++) {
            int co = j * dim;
            float dot = 0;
            for (int d = 0; d < dim; d++) {
                dot += x[off + d] * c[co + d];
            }
            float score = cn[j] - 2 * dot;
            if (score < bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return best;
    }
}
