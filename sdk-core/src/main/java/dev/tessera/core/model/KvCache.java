package dev.tessera.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Pre-allocated keys and values of every layer, {@code (batch, kvHeads, contextLength, headSize)},
 * for incremental decoding. Owns its native memory: close it when done.
 *
 * <p>Rows of a batch may start with padding (left-padded prompts of different lengths): the
 * padded key positions are masked for the whole life of the cache.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int batch;
    private final int capacity;
    private NDArray padMask;
    private int[] pads;
    private int position;

    KvCache(NDManager parent, ModelConfig config, int batch) {
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.capacity = config.contextLength();
        Shape shape = new Shape(batch, config.kvHeads(), capacity, config.headSize());
        this.keys = new NDArray[config.layers()];
        this.values = new NDArray[config.layers()];
        for (int i = 0; i < config.layers(); i++) {
            keys[i] = manager.zeros(shape, DataType.FLOAT32);
            values[i] = manager.zeros(shape, DataType.FLOAT32);
        }
    }

    /** @return how many positions are stored */
    public int position() {
        return position;
    }

    /** @return the batch size */
    public int batch() {
        return batch;
    }

    /** @return the capacity (the model's context length) */
    public int capacity() {
        return capacity;
    }

    /** Forgets every stored position (and any padding), keeping the memory. */
    public void reset() {
        position = 0;
        pads = null;
        if (padMask != null) {
            padMask.close();
            padMask = null;
        }
    }

    /**
     * Marks the first {@code pads[b]} positions of row {@code b} as padding, masked in attention.
     * Call on an empty cache before the prefill.
     *
     * @param pads padding length per row
     */
    public void setPadding(int[] pads) {
        if (position != 0) {
            throw new IllegalStateException("padding must be set on an empty cache (position " + position + ")");
        }
        if (pads.length != batch) {
            throw new IllegalArgumentException("padding for " + pads.length + " rows, cache batch is " + batch);
        }
        float[] m = new float[batch * capacity];
        boolean any = false;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < pads[b]; t++) {
                m[b * capacity + t] = Float.NEGATIVE_INFINITY;
                any = true;
            }
        }
        reset();
        if (any) {
            padMask = dev.tessera.core.util.NativeArrays.floats(manager, m, new Shape(batch, 1, 1, capacity));
            this.pads = pads.clone();
        }
    }

    void write(int layer, NDArray k, NDArray v, int start) {
        int t = (int) k.getShape().get(2);
        NDIndex idx = new NDIndex(":, :, {}:{}", start, start + t);
        keys[layer].set(idx, k);
        values[layer].set(idx, v);
    }

    /** The first {@code length} cached keys of a layer, owned by {@code owner} (not by the cache). */
    NDArray keys(int layer, int length, NDManager owner) {
        return slice(keys[layer], length, owner);
    }

    /** The first {@code length} cached values of a layer, owned by {@code owner} (not by the cache). */
    NDArray values(int layer, int length, NDManager owner) {
        return slice(values[layer], length, owner);
    }

    private static NDArray slice(NDArray all, int length, NDManager owner) {
        NDArray s = all.get(new NDIndex(":, :, :{}", length));
        s.attach(owner);
        return s;
    }

    /**
     * Additive attention mask for {@code t} new queries starting at {@code start} when rows are
     * padded, or null without padding. Padded keys are hidden from every query except a padded
     * query's own position (so no row of the softmax is all {@code -inf}, which would turn the
     * padding's hidden states into NaN and leak through zero attention weights).
     */
    NDArray mask(NDManager scope, int start, int t) {
        if (padMask == null) {
            return null;
        }
        int keys = start + t;
        if (t == 1) {
            NDArray m = padMask.get(new NDIndex(":, :, :, :{}", keys));
            m.attach(scope);
            return m;
        }
        float[] m = new float[batch * t * keys];
        for (int b = 0; b < batch; b++) {
            for (int q = 0; q < t; q++) {
                int qpos = start + q;
                for (int k = 0; k < keys; k++) {
                    boolean hidden = k > qpos || (k < pads[b] && k != qpos);
                    m[(b * t + q) * keys + k] = hidden ? Float.NEGATIVE_INFINITY : 0f;
                }
            }
        }
        return dev.tessera.core.util.NativeArrays.floats(scope, m, new Shape(batch, 1, t, keys));
    }

    void advance(int t) {
        position += t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
