package dev.tessera.timeseries.forecast;

import dev.tessera.core.infer.Activations;
import dev.tessera.core.infer.JvmDecodeEngine;
import dev.tessera.core.infer.Linear;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ParameterSpec;

/**
 * The patch forecaster's prediction on the JVM engine: a copy, in Java arrays, of a backbone's weights and of its
 * {@link PatchLayers}' adapter and head, computing what {@link PatchForecastModel#predict} computes with DJL (the
 * same operations in the same order; float sums differ in rounding, ~1e-7 relative). The backbone's blocks run in
 * {@link JvmDecodeEngine#lastHidden}; the adapter and head are residual MLPs over {@link Linear} products.
 *
 * <p>Immutable once built and safe for any number of threads; it remembers the backbone's
 * {@link DecoderModel#weightsVersion()} it copied, so its owner can tell when to copy again.
 */
final class JvmPatchPredictor {
    private final long version;
    private final JvmDecodeEngine engine;
    private final ResidualMlp adapter;
    private final ResidualMlp head;
    /** The embeddings of the local ids (0 = patch, 1 = padding), {@code ids * dModel}. */
    private final float[] idEmbeddings;
    private final int d;
    private final int time;
    private final int features;
    private final int outputs;

    private JvmPatchPredictor(DecoderModel b, String prefix, PatchModelConfig config) {
        this.version = b.weightsVersion();
        this.engine = new JvmDecodeEngine(b);
        this.adapter = ResidualMlp.of(b, prefix + ".adapter");
        this.head = ResidualMlp.of(b, prefix + ".head");
        this.idEmbeddings = b.parameter(ParameterSpec.WTE).toFloatArray();
        this.d = b.config().dModel();
        this.time = config.contextPatches();
        this.features = 2 * config.patchLength();
        this.outputs = config.outputLength() * config.levels().length;
    }

    /**
     * Copies a backbone's current weights.
     *
     * @param b the backbone holding {@code <prefix>.adapter.*} and {@code <prefix>.head.*}
     * @param prefix the patch layers' parameter prefix
     * @param config the patch model's shape
     * @return the predictor
     */
    static JvmPatchPredictor of(DecoderModel b, String prefix, PatchModelConfig config) {
        return new JvmPatchPredictor(b, prefix, config);
    }

    /** @return the backbone's weights version this copy was made at */
    long version() {
        return version;
    }

    /**
     * Predicts normalised quantiles of encoded contexts.
     *
     * @param enc contexts of {@code contextPatches} patches each
     * @return {@code (B * O * Q)} values, laid out as {@link PatchForecastModel#predict}'s {@code (B, O, Q)}
     */
    float[] predict(PatchForecastModel.Encoded enc) {
        int n = enc.batch() * time;
        if (enc.features().length != (long) n * features || enc.ids().length != n) {
            throw new IllegalArgumentException("encoded batch of " + enc.batch() + " holds " + enc.features().length
                    + " features and " + enc.ids().length + " ids, expected " + (long) n * features + " and " + n);
        }
        float[][] x = new float[n][features];
        for (int s = 0; s < n; s++) {
            System.arraycopy(enc.features(), s * features, x[s], 0, features);
        }
        float[][] e = adapter.apply(x, n);
        for (int s = 0; s < n; s++) {
            int id = enc.ids()[s];
            if (id < 0 || id * d >= idEmbeddings.length) {
                throw new IllegalArgumentException("local id " + id + " at row " + s + " is not a patch id");
            }
            float[] row = e[s];
            for (int k = 0; k < d; k++) {
                // DJL adds the adapter's output to the embedding: embed(ids).add(adapt(x))
                row[k] = idEmbeddings[id * d + k] + row[k];
            }
        }
        float[][] last = engine.lastHidden(e, enc.batch(), time);
        float[][] out = head.apply(last, enc.batch());
        float[] flat = new float[enc.batch() * outputs];
        for (int b = 0; b < enc.batch(); b++) {
            System.arraycopy(out[b], 0, flat, b * outputs, outputs);
        }
        return flat;
    }

    /** {@code w2 silu(w1 x + b1) + b2 + skip x}, as {@link PatchLayers} computes it. */
    private record ResidualMlp(Linear w1, float[] b1, Linear w2, float[] b2, Linear skip) {

        static ResidualMlp of(DecoderModel b, String name) {
            return new ResidualMlp(linear(b, name + ".w1"), b.parameter(name + ".b1").toFloatArray(),
                    linear(b, name + ".w2"), b.parameter(name + ".b2").toFloatArray(), linear(b, name + ".skip"));
        }

        private static Linear linear(DecoderModel b, String name) {
            long[] shape = b.parameter(name).getShape().getShape();
            return Linear.f32((int) shape[0], (int) shape[1], b.parameter(name).toFloatArray());
        }

        float[][] apply(float[][] x, int n) {
            float[][] h = new float[n][w1.rows()];
            w1.multiply(x, n, h);
            for (int s = 0; s < n; s++) {
                float[] v = h[s];
                for (int k = 0; k < v.length; k++) {
                    v[k] = Activations.silu(v[k] + b1[k]);
                }
            }
            float[][] y = new float[n][w2.rows()];
            w2.multiply(h, n, y);
            float[][] r = new float[n][skip.rows()];
            skip.multiply(x, n, r);
            for (int s = 0; s < n; s++) {
                float[] v = y[s];
                float[] u = r[s];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (v[k] + b2[k]) + u[k];
                }
            }
            return y;
        }
    }
}
