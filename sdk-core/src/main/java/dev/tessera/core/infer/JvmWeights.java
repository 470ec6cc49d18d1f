package dev.tessera.core.infer;

import ai.djl.ndarray.NDArray;
import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The backbone's weights on Java arrays, as the {@link JvmDecodeEngine} reads them: the matrices
 * of the blocks and the output head as {@link Linear}s (fp32 or quantised), everything else
 * (embeddings, norms, biases) as fp32 vectors. Immutable.
 *
 * <p>The head is always under {@code head.weight}, also for a tied model (then it starts as a
 * copy of {@code wte.weight}, which stays fp32 for the embedding look-up).
 */
public final class JvmWeights {
    /** Name of the output projection among {@link #linears()}. */
    public static final String HEAD = "head.weight";

    private final ModelConfig config;
    private final Map<String, float[]> vectors;
    private final Map<String, Linear> linears;

    JvmWeights(ModelConfig config, Map<String, float[]> vectors, Map<String, Linear> linears) {
        this.config = config;
        this.vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        this.linears = Collections.unmodifiableMap(new LinkedHashMap<>(linears));
        int d = config.dModel();
        int hd = config.headSize();
        boolean gpt2 = config.architecture() == Architecture.GPT2;
        for (String n : matrixNames(config)) {
            Linear l = linears.get(n);
            if (l == null) {
                throw new IllegalArgumentException("weights lack matrix '" + n + "'");
            }
            int[] shape;
            if (n.endsWith("attn.qkv.weight")) {
                shape = new int[] {(config.heads() + 2 * config.kvHeads()) * hd, d};
            } else if (n.endsWith("attn.proj.weight")) {
                shape = new int[] {d, config.heads() * hd};
            } else if (n.endsWith("mlp.fc1.weight") || n.endsWith("mlp.gate_up.weight")) {
                shape = new int[] {(gpt2 ? 1 : 2) * config.ffHidden(), d};
            } else if (n.endsWith("mlp.fc2.weight") || n.endsWith("mlp.down.weight")) {
                shape = new int[] {d, config.ffHidden()};
            } else {
                shape = new int[] {config.vocabSize(), d};
            }
            if (l.rows != shape[0] || l.cols != shape[1]) {
                throw new IllegalArgumentException("matrix '" + n + "' is " + l.rows + " x " + l.cols + ", the config needs "
                        + shape[0] + " x " + shape[1]);
            }
        }
        java.util.Set<String> matrices = new java.util.HashSet<>(matrixNames(config));
        for (String n : DecoderModel.parameterNames(config)) {
            if (matrices.contains(n)) {
                continue;
            }
            float[] v = this.vectors.get(n);
            int want;
            if (n.equals("wte.weight")) {
                want = config.vocabSize() * d;
            } else if (n.equals("wpe.weight")) {
                want = config.contextLength() * d;
            } else if (n.endsWith(".bias") && matrices.contains(n.replace(".bias", ".weight"))) {
                want = linears.get(n.replace(".bias", ".weight")).rows;
            } else {
                want = d;
            }
            if (v == null || v.length != want) {
                throw new IllegalArgumentException("vector '" + n + "' has " + (v == null ? "no" : v.length)
                        + " values, the config needs " + want);
            }
        }
    }

    /**
     * Copies a model's weights to Java arrays (once; the model may be closed afterwards).
     *
     * @param model the DJL model
     * @return fp32 weights
     */
    public static JvmWeights from(DecoderModel model) {
        ModelConfig c = model.config();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, Linear> linears = new LinkedHashMap<>();
        java.util.Set<String> matrices = new java.util.HashSet<>(matrixNames(c));
        for (String name : DecoderModel.parameterNames(c)) {
            NDArray a = model.parameter(name);
            float[] data = a.toFloatArray();
            if (matrices.contains(name)) {
                linears.put(name, new Linear.F32((int) a.getShape().get(0), (int) a.getShape().get(1), data));
            } else {
                vectors.put(name, data);
            }
        }
        if (c.tiedHead()) {
            linears.put(HEAD, new Linear.F32(c.vocabSize(), c.dModel(), vectors.get("wte.weight").clone()));
        }
        return new JvmWeights(c, vectors, linears);
    }

    /** Names of the matrices a config has (the blocks' Linear weights and the head), in order. */
    static java.util.List<String> matrixNames(ModelConfig c) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            String b = "blocks." + i + ".";
            names.add(b + "attn.qkv.weight");
            names.add(b + "attn.proj.weight");
            if (c.architecture() == Architecture.GPT2) {
                names.add(b + "mlp.fc1.weight");
                names.add(b + "mlp.fc2.weight");
            } else {
                names.add(b + "mlp.gate_up.weight");
                names.add(b + "mlp.down.weight");
            }
        }
        names.add(HEAD);
        return names;
    }

    /** @return the shape */
    public ModelConfig config() {
        return config;
    }

    /** @return the fp32 vectors (embeddings, norms, biases) by parameter name */
    public Map<String, float[]> vectors() {
        return vectors;
    }

    /** @return the matrices by parameter name ({@link #HEAD} for the output projection) */
    public Map<String, Linear> linears() {
        return linears;
    }

    float[] vector(String name) {
        float[] v = vectors.get(name);
        if (v == null) {
            throw new IllegalArgumentException("weights lack vector '" + name + "'");
        }
        return v;
    }

    Linear linear(String name) {
        return linears.get(name);
    }

    /**
     * Returns a copy whose matrices are replaced by {@code f(name, matrix)}. In a tied model the
     * embedding table follows the replaced head, so embedding and head stay one matrix.
     *
     * @param f maps each matrix (by name) to its replacement of the same shape
     * @return the new weights
     */
    public JvmWeights mapLinears(BiFunction<String, Linear, Linear> f) {
        Map<String, Linear> out = new LinkedHashMap<>();
        for (Map.Entry<String, Linear> e : linears.entrySet()) {
            Linear l = f.apply(e.getKey(), e.getValue());
            if (l.rows != e.getValue().rows || l.cols != e.getValue().cols) {
                throw new IllegalArgumentException("replacement of '" + e.getKey() + "' changes its shape");
            }
            out.put(e.getKey(), l);
        }
        if (config.tiedHead() && out.get(HEAD) != linears.get(HEAD)) {
            // Tied: the embedding table is the head, so it takes the head's (quantised) values too.
            Map<String, float[]> v = new LinkedHashMap<>(vectors);
            v.put("wte.weight", out.get(HEAD).toFloats());
            return new JvmWeights(config, v, out);
        }
        return new JvmWeights(config, vectors, out);
    }

    /**
     * The backbone's parameters as fp32 tensors under {@link DecoderModel}'s names, with quantised
     * matrices dequantised: what a {@code DecoderModel} needs to run these (possibly quantised) weights
     * on any engine. A tied model's head is the embedding table, as in the DJL model.
     *
     * @return parameter name to tensor, in {@link DecoderModel#parameterNames} order
     */
    public Map<String, dev.tessera.core.io.Tensor> dequantizedParameters() {
        Map<String, dev.tessera.core.io.Tensor> out = new LinkedHashMap<>();
        int d = config.dModel();
        for (String n : DecoderModel.parameterNames(config)) {
            Linear l = linears.get(n);
            if (l != null) {
                out.put(n, dev.tessera.core.io.Tensor.f32(new long[] {l.rows, l.cols}, l.toFloats()));
                continue;
            }
            float[] v = vector(n);
            long[] shape = n.equals("wte.weight") || n.equals("wpe.weight") ? new long[] {v.length / d, d}
                    : new long[] {v.length};
            out.put(n, dev.tessera.core.io.Tensor.f32(shape, v));
        }
        return out;
    }

    /**
     * Names the storage format of the matrices: {@code "f32"}, {@code "int8"}, {@code "int4g32"}...,
     * or {@code "mixed"} when they differ.
     *
     * @return the format
     */
    public String format() {
        java.util.Set<String> f = new java.util.TreeSet<>();
        linears.values().forEach(l -> f.add(l.format()));
        return f.size() == 1 ? f.iterator().next() : "mixed";
    }

    /** @return bytes of all weights (matrices in their format, vectors as fp32) */
    public long bytes() {
        long b = 0;
        for (float[] v : vectors.values()) {
            b += 4L * v.length;
        }
        for (Linear l : linears.values()) {
            b += l.bytes();
        }
        return b;
    }

    /**
     * Bytes read per decoded token at batch 1: every matrix once plus, for the embedding tables,
     * one row each (the KV cache is not counted).
     *
     * @return bytes
     */
    public long bytesPerToken() {
        long b = 0;
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            boolean table = e.getKey().equals("wte.weight") || e.getKey().equals("wpe.weight");
            b += table ? 4L * config.dModel() : 4L * e.getValue().length;
        }
        for (Linear l : linears.values()) {
            b += l.bytes();
        }
        return b;
    }
}
