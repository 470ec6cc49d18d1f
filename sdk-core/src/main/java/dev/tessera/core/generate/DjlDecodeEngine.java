package dev.tessera.core.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.KvCache;
import dev.tessera.core.util.NativeArrays;

/**
 * Generation through the DJL backbone: one native call per tensor op, every step in an NDScope.
 *
 * <p>Thread safety: each session has its own KV cache in its own native memory scope, so sessions may run on
 * different threads; for concurrent serving use {@link dev.tessera.core.infer.JvmDecodeEngine} (what
 * {@code TesseraModel} picks on a CPU), which decodes many threads from one read-only copy of the weights.
 */
public final class DjlDecodeEngine extends ModelDecodeEngine {

    /**
     * Wraps a model.
     *
     * @param model the model
     */
    public DjlDecodeEngine(DecoderModel model) {
        super(model);
    }

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public Session open(int batch) {
        return new DjlSession(batch);
    }

    /** Splits flat logits {@code (batch * vocab)} into one row per sequence. */
    static float[][] rows(float[] flat, int batch) {
        int v = flat.length / batch;
        float[][] out = new float[batch][v];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, b * v, out[b], 0, v);
        }
        return out;
    }

    private final class DjlSession implements Session {
        private final NDManager manager = model.manager().newSubManager();
        private final KvCache cache;
        private final int batch;
        private int[] pads;

        DjlSession(int batch) {
            this.batch = batch;
            this.cache = model.newCache(batch);
        }

        @Override
        public float[][] prefill(int[][] ids, int[] pads) {
            this.pads = pads.clone();
            cache.setPadding(pads);
            int t = ids[0].length;
            int[] flat = new int[batch * t];
            long[] pos = new long[batch * t];
            boolean padded = false;
            for (int b = 0; b < batch; b++) {
                System.arraycopy(ids[b], 0, flat, b * t, t);
                for (int j = 0; j < t; j++) {
                    pos[b * t + j] = Math.max(0, j - pads[b]);
                }
                padded |= pads[b] > 0;
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = NativeArrays.ints(manager, flat, new Shape(batch, t));
                NDArray p = padded ? manager.create(pos, new Shape(batch, t)).duplicate() : null;
                NDArray h = model.forwardEmbeddings(model.embed(x), p, cache);
                NDArray last = h.get(new NDIndex(":, -1:, :"));
                return rows(model.logits(last).toFloatArray(), batch);
            }
        }

        @Override
        public float[][] decode(int[] ids) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = NativeArrays.ints(manager, ids, new Shape(batch, 1));
                NDArray p = null;
                if (pads != null && hasPadding()) {
                    long[] pos = new long[batch];
                    for (int b = 0; b < batch; b++) {
                        pos[b] = cache.position() - pads[b];
                    }
                    p = manager.create(pos, new Shape(batch, 1)).toType(DataType.INT64, true);
                }
                NDArray h = model.forwardEmbeddings(model.embed(x), p, cache);
                return rows(model.logits(h).toFloatArray(), batch);
            }
        }

        private boolean hasPadding() {
            for (int p : pads) {
                if (p > 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int position() {
            return cache.position();
        }

        @Override
        public void close() {
            cache.close();
            manager.close();
        }
    }
}
