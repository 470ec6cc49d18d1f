package dev.tessera.core.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.model.ParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    public static final String HEAD = ParameterSpec.HEAD;

    private final ModelConfig config;
    private final Map<String, float[]> vectors;
    private final Map<String, Linear> linears;

    JvmWeights(ModelConfig config, Map<String, float[]> vectors, Map<String, Linear> linears) {
        this.config = config;
        this.vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        this.linears = Collections.unmodifiableMap(new LinkedHashMap<>(linears));
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (ParameterSpec p : ParameterSpec.of(config)) {
            shapes.put(p.name(), p.shape());
        }
        shapes.putIfAbsent(HEAD, shapes.get(ParameterSpec.WTE));
        for (String n : matrixNames(config)) {
            Linear l = linears.get(n);
            if (l == null) {
                throw new IllegalArgumentException("weights lack matrix '" + n + "'");
            }
            Shape want = shapes.get(n);
            if (l.rows != want.get(0) || l.cols != want.get(1)) {
                throw new IllegalArgumentException("matrix '" + n + "' is " + l.rows + " x " + l.cols + ", the config needs "
                        + want.get(0) + " x " + want.get(1));
            }
        }
        for (ParameterSpec p : ParameterSpec.of(config)) {
            if (linears.containsKey(p.name())) {
                continue;
            }
            float[] v = this.vectors.get(p.name());
            long want = p.shape().size();
            if (v == null || v.length != want) {
                throw new IllegalArgumentException("vector '" + p.name() + "' has " + (v == null ? "no" : v.length)
                        + " values, the config needs " + want + " " + p.shape());
            }
        }
    }

    /**
     * Assembles weights from their parts, checking every shape against the config.
     *
     * @param config the shape
     * @param vectors embeddings, norms and biases by parameter name (fp32)
     * @param linears the matrices by name ({@link #matrixNames}), fp32 or quantised
     * @return the weights
     * @throws IllegalArgumentException naming the first missing or misshapen tensor
     */
    public static JvmWeights of(ModelConfig config, Map<String, float[]> vectors, Map<String, Linear> linears) {
        return new JvmWeights(config, vectors, linears);
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
        Set<String> matrices = new HashSet<>(matrixNames(c));
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
            linears.put(HEAD, new Linear.F32(c.vocabSize(), c.dModel(), vectors.get(ParameterSpec.WTE).clone()));
        }
        return new JvmWeights(c, vectors, linears);
    }

    /**
     * Names of the matrices a config has (the blocks' Linear weights and the head), in order: what
     * the engine multiplies and what quantisation replaces.
     *
     * @param c the config
     * @return the names
     */
    public static List<String> matrixNames(ModelConfig c) {
        List<String> names = new ArrayList<>();
        for (ParameterSpec p : ParameterSpec.of(c)) {
            if (p.isBlockMatrix()) {
                names.add(p.name());
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

    /**
     * Returns one fp32 vector.
     *
     * @param name the parameter name
     * @return the values (shared: do not modify)
     * @throws IllegalArgumentException if absent
     */
    public float[] vector(String name) {
        float[] v = vectors.get(name);
        if (v == null) {
            throw new IllegalArgumentException("weights lack vector '" + name + "'");
        }
        return v;
    }

    /**
     * Returns one matrix.
     *
     * @param name the parameter name ({@link #HEAD} for the output projection)
     * @return the matrix
     * @throws IllegalArgumentException if absent
     */
    public Linear linear(String name) {
        Linear l = linears.get(name);
        if (l == null) {
            throw new IllegalArgumentException("weights lack matrix '" + name + "'");
        }
        return l;
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
            v.put(ParameterSpec.WTE, out.get(HEAD).toFloats());
            return new JvmWeights(config, v, out);
        }
        return new JvmWeights(config, vectors, out);
    }

    /**
     * Names the storage format of the matrices: {@code "f32"}, {@code "int8"}, {@code "int4g32"}...,
     * or {@code "mixed"} when they differ.
     *
     * @return the format
     */
    public String format() {
        Set<String> f = new TreeSet<>();
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
            boolean table = e.getKey().equals(ParameterSpec.WTE) || e.getKey().equals(ParameterSpec.WPE);
            b += table ? 4L * config.dModel() : 4L * e.getValue().length;
        }
        for (Linear l : linears.values()) {
            b += l.bytes();
        }
        return b;
    }
}
