package dev.tessera.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import dev.tessera.core.util.NativeArrays;
import static dev.tessera.core.model.ParameterSpec.block;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared decoder-only transformer: token embedding, {@code layers} pre-norm blocks with causal
 * self-attention and an MLP, a final norm and the output projection over the global vocabulary.
 *
 * <p>Parameters have stable dotted names ({@code blocks.3.attn.qkv.weight}); Linear weights are
 * stored {@code (out, in)} as in PyTorch, so GPT-2 style weights from {@code gpt_ref.py --export}
 * load under the same names. Modalities may {@linkplain #addParameter add parameters} of their own
 * (input adapters, continuous heads); they are trained and saved with the rest.
 *
 * <p>Thread-safety: forward passes may run concurrently; adding parameters may not.
 * Every array this class returns belongs to the caller's {@link ai.djl.ndarray.NDScope} (or to
 * the manager of its first operand): run forward passes inside a scope that is closed.
 *
 * <p>Thread safety: not thread-safe while it trains (the optimizer writes the parameters in place); once trained, concurrent forward passes are safe, and {@code TesseraModel} decodes on many threads from a read-only copy of the weights. Close it once, after every user is done.
 */
public final class DecoderModel implements AutoCloseable, dev.tessera.core.model.Trainable {
    private final ModelConfig config;
    /** Read once per matrix in every forward pass, possibly on other threads: volatile. */
    private volatile java.util.function.BiConsumer<String, NDArray> linearObserver;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final AtomicLong weightsVersion = new AtomicLong();
    private final NDArray causalMask;
    private final NDArray ropeCos;
    private final NDArray ropeSin;
    private final NDArray rotateHalf;
    /** 1/sqrt(head size) as an engine-owned 0-d array (see {@link NativeArrays#scalar} for why not a float). */
    private final NDArray attnScale;

    private DecoderModel(ModelConfig config, NDManager manager) {
        this.config = config;
        this.manager = manager;
        int ctx = config.contextLength();
        float[] mask = new float[ctx * ctx];
        for (int i = 0; i < ctx; i++) {
            for (int j = i + 1; j < ctx; j++) {
                mask[i * ctx + j] = Float.NEGATIVE_INFINITY;
            }
        }
        this.causalMask = NativeArrays.floats(manager, mask, new Shape(ctx, ctx));
        int hd = config.headSize();
        this.attnScale = NativeArrays.scalar(manager, (float) (1.0 / Math.sqrt(hd)));
        if (config.architecture() == Architecture.MODERN) {
            float[][] cs = Rotary.tables(ctx, hd, config.ropeTheta());
            this.ropeCos = NativeArrays.floats(manager, cs[0], new Shape(ctx, hd));
            this.ropeSin = NativeArrays.floats(manager, cs[1], new Shape(ctx, hd));
            this.rotateHalf = NativeArrays.floats(manager, Rotary.rotateHalfMatrix(hd), new Shape(hd, hd));
        } else {
            this.ropeCos = null;
            this.ropeSin = null;
            this.rotateHalf = null;
        }
    }

    /**
     * Creates a model with freshly initialised weights (GPT-2 scheme: N(0, 0.02) for matrices and
     * embeddings, residual projections N(0, 0.02/sqrt(2 layers)), zero biases, unit norms). The
     * weights depend only on {@code config} and {@code seed}, not on the engine.
     *
     * @param config the shape
     * @param seed the initialisation seed
     * @param device where the weights live
     * @return the model
     */
    public static DecoderModel create(ModelConfig config, long seed, Device device) {
        NDManager m = NDManager.newBaseManager(device);
        DecoderModel model = new DecoderModel(config, m);
        SplittableRandom rng = new SplittableRandom(seed);
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        for (ParameterSpec p : ParameterSpec.of(config)) {
            float[] data = new float[(int) p.shape().size()];
            switch (p.init()) {
                case ONES:
                    Arrays.fill(data, 1f);
                    break;
                case ZEROS:
                    break;
                default:
                    double std = p.init() == ParameterSpec.Init.RESIDUAL ? residualStd : 0.02;
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (float) (rng.nextGaussian() * std);
                    }
            }
            model.params.put(p.name(), NativeArrays.floats(m, data, p.shape()));
        }
        return model;
    }

    /**
     * Creates a model from named weights. Every parameter the config needs must be present with
     * its exact shape; names the config does not know are kept as extra parameters.
     *
     * @param config the shape
     * @param weights name to float32 data; arrays are copied into the model's manager
     * @param device where the weights live
     * @return the model
     * @throws IllegalArgumentException naming the first missing or misshapen tensor
     */
    public static DecoderModel fromWeights(ModelConfig config, Map<String, NDArray> weights, Device device) {
        NDManager m = NDManager.newBaseManager(device);
        DecoderModel model = new DecoderModel(config, m);
        try {
            for (ParameterSpec p : ParameterSpec.of(config)) {
                NDArray w = weights.get(p.name());
                if (w == null) {
                    throw new IllegalArgumentException("weights lack tensor '" + p.name() + "' " + p.shape()
                            + " needed by " + config.architecture() + " config");
                }
                if (!w.getShape().equals(p.shape())) {
                    throw new IllegalArgumentException("tensor '" + p.name() + "' has shape " + w.getShape()
                            + ", the config needs " + p.shape());
                }
                model.params.put(p.name(), copyInto(m, w));
            }
            for (Map.Entry<String, NDArray> e : weights.entrySet()) {
                if (!model.params.containsKey(e.getKey())) {
                    model.params.put(e.getKey(), copyInto(m, e.getValue()));
                }
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return model;
    }

    private static NDArray copyInto(NDManager m, NDArray w) {
        if (w.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("tensor has dtype " + w.getDataType() + ", expected FLOAT32");
        }
        return NativeArrays.floats(m, w.toFloatArray(), w.getShape());
    }

    /** @return the shape of this model */
    public ModelConfig config() {
        return config;
    }

    /** @return the config, which a training checkpoint must share to be resumed */
    @Override
    public String describe() {
        return config.toString();
    }

    /** @return the manager that owns the parameters */
    @Override
    public NDManager manager() {
        return manager;
    }

    /**
     * Counts the changes made to the values of the parameters ({@link #weightsChanged()}), so that a copy of the
     * weights (the JVM engine's) can tell it is out of date: it is the same as when the copy was made exactly
     * when no change was reported since.
     *
     * @return the number of reported changes, starting at 0; adding a parameter counts as one
     */
    public long weightsVersion() {
        return weightsVersion.get();
    }

    @Override
    public void weightsChanged() {
        weightsVersion.incrementAndGet();
    }

    /**
     * Returns every parameter by name, in a stable order (unmodifiable). Whoever writes into the arrays calls
     * {@link #weightsChanged()} afterwards.
     *
     * @return the parameters
     */
    @Override
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    /**
     * Returns one parameter.
     *
     * @param name the dotted name
     * @return the array
     * @throws IllegalArgumentException if there is no such parameter
     */
    public NDArray parameter(String name) {
        NDArray p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return p;
    }

    /**
     * Adds a parameter of a modality (input adapter, continuous head...). It is trained and saved
     * with the backbone. The data are copied into the model's manager.
     *
     * @param name a dotted name not used yet (e.g. {@code adapters.series.weight})
     * @param initial the initial value (float32)
     * @return the model's own array
     */
    public NDArray addParameter(String name, NDArray initial) {
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' already exists");
        }
        NDArray p = copyInto(manager, initial);
        params.put(name, p);
        weightsChanged();
        return p;
    }

    /**
     * Returns a parameter, creating it from {@code initial} if absent (for modality extras that
     * may already have been loaded from a bundle).
     *
     * @param name the dotted name
     * @param initial supplies the initial value when the parameter does not exist
     * @return the model's array
     */
    public NDArray parameterOrAdd(String name, java.util.function.Supplier<NDArray> initial) {
        NDArray p = params.get(name);
        return p != null ? p : addParameter(name, initial.get());
    }

    /** @return the total number of parameters (the tied head counted once) */
    public long parameterCount() {
        return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /**
     * Creates an empty KV cache for this model.
     *
     * @param batch the batch size
     * @return the cache; close it when done
     */
    public KvCache newCache(int batch) {
        return new KvCache(manager, config, batch);
    }

    /**
     * Embeds global token ids (the token embedding only; positions are added in the blocks' input).
     *
     * @param ids token ids {@code (batch, time)}, int32 or int64
     * @return embeddings {@code (batch, time, dModel)}
     */
    public NDArray embed(NDArray ids) {
        return ids.getNDArrayInternal().embedding(ids, params.get(ParameterSpec.WTE), SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Runs the backbone on token ids.
     *
     * @param ids token ids {@code (batch, time)}
     * @param cache a KV cache to read and extend, or {@code null} for a full causal pass
     * @return hidden states after the final norm {@code (batch, time, dModel)}
     * @throws IllegalArgumentException if the sequence would run past the context
     */
    public NDArray forward(NDArray ids, KvCache cache) {
        return forwardEmbeddings(embed(ids), null, cache);
    }

    /**
     * Runs the backbone on input embeddings (token embeddings, or continuous features already
     * projected by a modality's input adapter).
     *
     * @param x input embeddings {@code (batch, time, dModel)}
     * @param positions position ids {@code (time)} or {@code (batch, time)} (int64), or {@code null}
     *     for {@code cache.position() .. + time}
     * @param cache a KV cache to read and extend, or {@code null}
     * @return hidden states after the final norm {@code (batch, time, dModel)}
     */
    public NDArray forwardEmbeddings(NDArray x, NDArray positions, KvCache cache) {
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != config.dModel()) {
            throw new IllegalArgumentException("input embeddings must be (batch, time, " + config.dModel() + "), got " + s);
        }
        int t = (int) s.get(1);
        int start = cache == null ? 0 : cache.position();
        if (start + t > config.contextLength()) {
            throw new IllegalArgumentException("sequence of " + (start + t) + " positions (" + start + " cached + " + t
                    + " new) exceeds the context length " + config.contextLength());
        }
        if (cache != null && cache.batch() != s.get(0)) {
            throw new IllegalArgumentException("batch " + s.get(0) + " does not match the cache's batch " + cache.batch());
        }
        NDArray pos = positions != null ? positions : x.getManager().arange(start, start + t, 1, DataType.INT64);
        if (config.architecture() == Architecture.GPT2) {
            NDArray pe = pos.getNDArrayInternal().embedding(pos, params.get(ParameterSpec.WPE), SparseFormat.DENSE)
                    .singletonOrThrow();
            x = x.add(pe);
        }
        NDArray cos = null;
        NDArray sin = null;
        if (ropeCos != null) {
            cos = rows(ropeCos, pos);
            sin = rows(ropeSin, pos);
        }
        int keys = start + t;
        NDArray mask = cache == null ? null : cache.mask(x.getManager(), start, t);
        if (mask == null && t > 1) {
            // The slice would belong to the model's manager: move it to the caller's, so a pass run
            // outside a scope frees it with the input instead of keeping it for the model's life.
            mask = causalMask.get(new NDIndex("{}:{}, :{}", start, start + t, keys));
            mask.attach(x.getManager());
        }
        for (int i = 0; i < config.layers(); i++) {
            x = config.architecture() == Architecture.GPT2
                    ? gpt2Block(i, x, mask, cache, start)
                    : modernBlock(i, x, cos, sin, mask, cache, start);
        }
        if (cache != null) {
            cache.advance(t);
        }
        return config.architecture() == Architecture.GPT2
                ? layerNorm(x, ParameterSpec.LN_F_WEIGHT, ParameterSpec.LN_F_BIAS)
                : rmsNorm(x, ParameterSpec.NORM_F_WEIGHT);
    }

    /** Gathers table rows for positions and shapes them to broadcast over (batch, heads, time, hd). */
    private static NDArray rows(NDArray table, NDArray pos) {
        NDArray r = pos.getNDArrayInternal().embedding(pos, table, SparseFormat.DENSE).singletonOrThrow();
        return pos.getShape().dimension() == 2 ? r.expandDims(1) : r;
    }

    /**
     * Projects hidden states onto the whole global vocabulary (every head's rows).
     *
     * @param hidden {@code (..., dModel)}
     * @return logits {@code (..., vocabSize)}
     */
    public NDArray logits(NDArray hidden) {
        NDArray w = config.tiedHead() ? params.get(ParameterSpec.WTE) : params.get(ParameterSpec.HEAD);
        return linear(hidden, w, null);
    }

    /**
     * Projects hidden states onto some rows of the vocabulary only: the logits of one head, without
     * computing the others (a head of 256 ids costs a tenth of a 2,500-id vocabulary).
     *
     * @param hidden {@code (n, dModel)}
     * @param rows global ids {@code (k)} (int32 or int64), e.g. a head's ids
     * @return logits {@code (n, k)}, column {@code j} for id {@code rows[j]}
     */
    public NDArray logits(NDArray hidden, NDArray rows) {
        NDArray w = config.tiedHead() ? params.get(ParameterSpec.WTE) : params.get(ParameterSpec.HEAD);
        NDArray picked = rows.getNDArrayInternal().embedding(rows, w, SparseFormat.DENSE).singletonOrThrow();
        return linear(hidden, picked, null);
    }

    // ---------------------------------------------------------------- blocks

    private NDArray gpt2Block(int i, NDArray x, NDArray mask, KvCache cache, int start) {
        NDArray h = layerNorm(x, block(i, ParameterSpec.LN1_WEIGHT), block(i, ParameterSpec.LN1_BIAS));
        NDArray qkv = named(i, ParameterSpec.ATTN_QKV_WEIGHT, h, ParameterSpec.ATTN_QKV_BIAS);
        NDArray att = attention(i, qkv, null, null, mask, cache, start);
        x = x.add(named(i, ParameterSpec.ATTN_PROJ_WEIGHT, att, ParameterSpec.ATTN_PROJ_BIAS));
        h = layerNorm(x, block(i, ParameterSpec.LN2_WEIGHT), block(i, ParameterSpec.LN2_BIAS));
        h = Activation.gelu(named(i, ParameterSpec.MLP_FC1_WEIGHT, h, ParameterSpec.MLP_FC1_BIAS));
        return x.add(named(i, ParameterSpec.MLP_FC2_WEIGHT, h, ParameterSpec.MLP_FC2_BIAS));
    }

    private NDArray modernBlock(int i, NDArray x, NDArray cos, NDArray sin, NDArray mask, KvCache cache, int start) {
        NDArray h = rmsNorm(x, block(i, ParameterSpec.ATTN_NORM_WEIGHT));
        NDArray qkv = named(i, ParameterSpec.ATTN_QKV_WEIGHT, h, null);
        NDArray att = attention(i, qkv, cos, sin, mask, cache, start);
        x = x.add(named(i, ParameterSpec.ATTN_PROJ_WEIGHT, att, null));
        h = rmsNorm(x, block(i, ParameterSpec.MLP_NORM_WEIGHT));
        NDList gu = named(i, ParameterSpec.MLP_GATE_UP_WEIGHT, h, null).split(2, 2);
        // SiLU as x * sigmoid(x): DJL's swish gave NaN gradients for large negative inputs
        NDArray gate = gu.get(0);
        NDArray act = gate.mul(Activation.sigmoid(gate)).mul(gu.get(1));
        return x.add(named(i, ParameterSpec.MLP_DOWN_WEIGHT, act, null));
    }

    /** Causal multi-head attention from fused qkv {@code (B, T, (H + 2K) * hd)} to {@code (B, T, H * hd)}. */
    private NDArray attention(int layer, NDArray qkv, NDArray cos, NDArray sin, NDArray mask, KvCache cache, int start) {
        Shape s = qkv.getShape();
        long bsz = s.get(0);
        long t = s.get(1);
        int h = config.heads();
        int kvh = config.kvHeads();
        int hd = config.headSize();
        NDList parts = qkv.split(new long[] {(long) h * hd, (long) (h + kvh) * hd}, 2);
        NDArray q = parts.get(0).reshape(bsz, t, h, hd).transpose(0, 2, 1, 3);
        NDArray k = parts.get(1).reshape(bsz, t, kvh, hd).transpose(0, 2, 1, 3);
        NDArray v = parts.get(2).reshape(bsz, t, kvh, hd).transpose(0, 2, 1, 3);
        if (cos != null) {
            q = Rotary.apply(q, cos, sin, rotateHalf);
            k = Rotary.apply(k, cos, sin, rotateHalf);
        }
        if (cache != null) {
            cache.write(layer, k, v, start);
            if (start > 0) {
                k = cache.keys(layer, start + (int) t, qkv.getManager());
                v = cache.values(layer, start + (int) t, qkv.getManager());
            }
        }
        if (kvh < h) {
            k = k.repeat(1, h / kvh);
            v = v.repeat(1, h / kvh);
        }
        NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).mul(attnScale);
        if (mask != null) {
            att = att.add(mask);
        }
        NDArray y = att.softmax(-1).matMul(v);
        return y.transpose(0, 2, 1, 3).reshape(bsz, t, (long) h * hd);
    }

    // ---------------------------------------------------------------- layers

    /**
     * Sets a function that receives, for every block matrix applied in a forward pass, the matrix's
     * parameter name and its input {@code (..., in_features)}: used to collect calibration statistics
     * (e.g. GPTQ's {@code X^T X}) for models whose inputs are not token ids. Null stops observing. The
     * arrays belong to the forward pass; copy what you keep.
     *
     * @param observer the observer, or null
     */
    public void observeLinearInputs(java.util.function.BiConsumer<String, NDArray> observer) {
        this.linearObserver = observer;
    }

    /** Applies block {@code layer}'s matrix {@code weight} (block-local names) and tells the observer. */
    private NDArray named(int layer, String weight, NDArray x, String bias) {
        String name = block(layer, weight);
        java.util.function.BiConsumer<String, NDArray> observer = linearObserver;
        if (observer != null) {
            observer.accept(name, x);
        }
        return linear(x, params.get(name), bias == null ? null : params.get(block(layer, bias)));
    }

    private static NDArray linear(NDArray x, NDArray w, NDArray bias) {
        return x.getNDArrayInternal().linear(x, w, bias).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, String weight, String bias) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(config.dModel()), params.get(weight),
                params.get(bias), config.normEps()).singletonOrThrow();
    }

    private NDArray rmsNorm(NDArray x, String weight) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(config.normEps()).sqrt();
        return x.div(rms).mul(params.get(weight));
    }

    /**
     * Lists the names of the parameters the config defines (without modality extras).
     *
     * @param config the shape
     * @return the names in order
     */
    public static List<String> parameterNames(ModelConfig config) {
        return ParameterSpec.of(config).stream().map(ParameterSpec::name).toList();
    }

    @Override
    public void close() {
        manager.close();
    }
}
