package dev.tessera.pointcloud.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.KvCache;
import dev.tessera.core.util.NativeArrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Batched autoregressive sampling with a KV cache and a {@link TokenConstraint} per row. All rows
 * share one prompt length; a row stops when its constraint is finished, and the batch stops when
 * every row has. Sampling is temperature softmax over the logits left by the constraint (a
 * forbidden id has probability zero), seeded.
 */
public final class ConstrainedSampler {
    private final DecoderModel model;
    private final double temperature;

    /**
     * Creates a sampler.
     *
     * @param model the backbone
     * @param temperature softmax temperature, positive
     */
    public ConstrainedSampler(DecoderModel model, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature (" + temperature + ") must be positive");
        }
        this.model = model;
        this.temperature = temperature;
    }

    /**
     * Generates one continuation per prompt.
     *
     * @param prompts equal-length global-id prompts
     * @param constraints one fresh constraint per prompt
     * @param seed sampling seed
     * @return the generated ids of each row (the constraint's tokens, including its END)
     * @throws IllegalArgumentException if the prompts differ in length or a row would run past the context
     */
    public int[][] generate(int[][] prompts, List<? extends TokenConstraint> constraints, long seed) {
        int b = prompts.length;
        int p = prompts[0].length;
        for (int[] row : prompts) {
            if (row.length != p) {
                throw new IllegalArgumentException("all prompts must have one length; got " + p + " and " + row.length);
            }
        }
        if (constraints.size() != b) {
            throw new IllegalArgumentException(b + " prompts but " + constraints.size() + " constraints");
        }
        int ctx = model.config().contextLength();
        int vocab = model.config().vocabSize();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] out = new int[b][ctx];
        int[] len = new int[b];
        int[] feed = new int[b * p];
        for (int i = 0; i < b; i++) {
            System.arraycopy(prompts[i], 0, feed, i * p, p);
        }
        int t = p;
        try (KvCache cache = model.newCache(b)) {
            boolean anyOpen = true;
            while (anyOpen) {
                if (cache.position() + t > ctx) {
                    throw new IllegalArgumentException("generation ran past the context of " + ctx
                            + " tokens; give the constraints a smaller budget");
                }
                float[] logits;
                try (NDScope scope = new NDScope(); NDManager step = model.manager().newSubManager()) {
                    scope.suppressNotUsedWarning();
                    NDArray ids = NativeArrays.ints(step, feed, new Shape(b, t));
                    NDArray hidden = model.forward(ids, cache);
                    NDArray last = hidden.get(new NDIndex(":, -1, :"));
                    logits = model.logits(last).toFloatArray();
                }
                anyOpen = false;
                int[] next = new int[b];
                float[] row = new float[vocab];
                for (int i = 0; i < b; i++) {
                    TokenConstraint c = constraints.get(i);
                    if (c.finished()) {
                        next[i] = prompts[i][0];
                        continue;
                    }
                    System.arraycopy(logits, i * vocab, row, 0, vocab);
                    c.apply(row);
                    int id = sample(row, rnd);
                    c.accept(id);
                    out[i][len[i]++] = id;
                    next[i] = id;
                    if (!c.finished()) {
                        anyOpen = true;
                    }
                }
                feed = next;
                t = 1;
            }
        }
        int[][] res = new int[b][];
        for (int i = 0; i < b; i++) {
            res[i] = java.util.Arrays.copyOf(out[i], len[i]);
        }
        return res;
    }

    private int sample(float[] logits, SplittableRandom rnd) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("the constraint allows no token");
        }
        double[] w = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            w[i] = logits[i] == Float.NEGATIVE_INFINITY ? 0 : Math.exp((logits[i] - max) / temperature);
            sum += w[i];
        }
        double u = rnd.nextDouble() * sum;
        int lastAllowed = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                lastAllowed = i;
                u -= w[i];
                if (u <= 0) {
                    return i;
                }
            }
        }
        return lastAllowed;
    }

    /**
     * Convenience: a list of fresh constraints.
     *
     * @param n how many
     * @param factory makes one
     * @param <C> the constraint type
     * @return the list
     */
    public static <C extends TokenConstraint> List<C> fresh(int n, Supplier<C> factory) {
        List<C> l = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(factory.get());
        }
        return l;
    }
}
