package dev.tessera.core.bundle;

import dev.tessera.core.io.Tensor;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Json;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.infer.JvmDecodeEngine;
import dev.tessera.core.infer.JvmWeights;
import dev.tessera.core.infer.Linear;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.model.ParameterSpec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores {@link JvmWeights} (fp32 or quantised) as one safetensors file: vectors and fp32
 * matrices as F32 under their parameter names; an int8 matrix as {@code <name>.qweight} (I8,
 * {@code rows x cols}) and {@code <name>.scales} (F32, {@code rows}); an int4 matrix as
 * {@code <name>.qweight} (I8 holding two nibbles per byte, {@code rows x cols/2}) and
 * {@code <name>.scales} (F32, {@code rows x ceil(cols/group)}). The header metadata holds the model
 * config ({@code tessera.config}) and each matrix's format ({@code tessera.format.<name>}).
 */
public final class QuantizedWeightsFile {
    private QuantizedWeightsFile() { }

    /**
     * Serialises weights.
     *
     * @param w the weights
     * @return the safetensors bytes
     */
    public static byte[] toBytes(JvmWeights w) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "tessera-jvm-weights");
        meta.put("tessera.config", Json.GSON.toJson(w.config()));
        for (Map.Entry<String, float[]> e : w.vectors().entrySet()) {
            t.put(e.getKey(), Tensor.f32(new long[] {e.getValue().length}, e.getValue()));
        }
        for (Map.Entry<String, Linear> e : w.linears().entrySet()) {
            Linear l = e.getValue();
            String n = e.getKey();
            meta.put("tessera.format." + n, l.format());
            long rows = l.rows();
            long cols = l.cols();
            if (l.format().equals("f32")) {
                t.put(n, Tensor.f32(new long[] {rows, cols}, l.toFloats()));
            } else if (l.format().equals("int8")) {
                t.put(n + ".qweight", Tensor.i8(new long[] {rows, cols}, l.quantizedValues()));
                t.put(n + ".scales", Tensor.f32(new long[] {rows}, l.scales()));
            } else {
                float[] scales = l.scales();
                t.put(n + ".qweight", Tensor.i8(new long[] {rows, cols / 2}, l.quantizedValues()));
                t.put(n + ".scales", Tensor.f32(new long[] {rows, scales.length / rows}, scales));
            }
        }
        return Safetensors.toBytes(t, meta);
    }

    /**
     * Writes weights atomically.
     *
     * @param w the weights
     * @param path the file
     * @throws IOException on failure
     */
    public static void write(JvmWeights w, Path path) throws IOException {
        byte[] b = toBytes(w);
        AtomicFiles.write(path, out -> out.write(b));
    }

    /**
     * Reads weights written by {@link #write}.
     *
     * @param path the file
     * @return the weights
     * @throws IOException if missing, truncated or inconsistent (the message names the tensor)
     */
    public static JvmWeights read(Path path) throws IOException {
        return fromBytes(Files.readAllBytes(path), path.toString());
    }

    /**
     * Parses weights.
     *
     * @param bytes safetensors bytes
     * @param source a name for messages
     * @return the weights
     * @throws CorruptFileException if inconsistent
     */
    public static JvmWeights fromBytes(byte[] bytes, String source) throws CorruptFileException {
        Safetensors.Content c = Safetensors.read(ByteBuffer.wrap(bytes), source);
        Map<String, String> meta = c.metadata();
        if (meta == null || !"tessera-jvm-weights".equals(meta.get("format"))) {
            throw new CorruptFileException(source, "not a Tessera JVM weights file (metadata format = "
                    + (meta == null ? null : meta.get("format")) + ")");
        }
        try {
            ModelConfig mc = Json.GSON.fromJson(meta.get("tessera.config"), ModelConfig.class);
            mc = new ModelConfig(mc.architecture(), mc.vocabSize(), mc.contextLength(), mc.layers(), mc.heads(),
                    mc.kvHeads(), mc.dModel(), mc.ffHidden(), mc.normEps(), mc.ropeTheta(), mc.tiedHead());
            Map<String, Tensor> t = c.tensors();
            Map<String, float[]> vectors = new LinkedHashMap<>();
            Map<String, Linear> linears = new LinkedHashMap<>();
            for (String n : JvmWeights.matrixNames(mc)) {
                String fmt = meta.get("tessera.format." + n);
                if (fmt == null) {
                    throw new CorruptFileException(source, "no format recorded for matrix '" + n + "'");
                }
                if (fmt.equals("f32")) {
                    Tensor x = need(t, n, source);
                    linears.put(n, Linear.f32((int) x.shape()[0], (int) x.shape()[1], x.floats()));
                } else {
                    Tensor q = need(t, n + ".qweight", source);
                    Tensor s = need(t, n + ".scales", source);
                    int rows = (int) q.shape()[0];
                    if (fmt.equals("int8")) {
                        linears.put(n, Linear.int8(rows, (int) q.shape()[1], q.int8s(), s.floats()));
                    } else if (fmt.startsWith("int4g")) {
                        int group = Integer.parseInt(fmt.substring(5));
                        linears.put(n, Linear.int4(rows, (int) q.shape()[1] * 2, group, q.int8s(), s.floats()));
                    } else {
                        throw new CorruptFileException(source, "matrix '" + n + "' has unknown format '" + fmt + "'");
                    }
                }
            }
            for (Map.Entry<String, Tensor> e : t.entrySet()) {
                String n = e.getKey();
                if (!linears.containsKey(n) && !n.endsWith(".qweight") && !n.endsWith(".scales")) {
                    vectors.put(n, e.getValue().floats());
                }
            }
            JvmWeights w = JvmWeights.of(mc, vectors, linears);
            new JvmDecodeEngine(w).open(1).close();
            return w;
        } catch (CorruptFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptFileException(source, "inconsistent JVM weights: " + e.getMessage(), e);
        }
    }

    /**
     * The backbone's parameters as fp32 tensors under {@link ParameterSpec}'s names, with quantised
     * matrices dequantised: what a {@code DecoderModel} needs to run these (possibly quantised)
     * weights on any engine. A tied model's head is the embedding table, as in the DJL model.
     *
     * @param w the weights
     * @return parameter name to tensor, in {@link DecoderModel#parameterNames} order
     */
    public static Map<String, Tensor> dequantizedParameters(JvmWeights w) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec p : ParameterSpec.of(w.config())) {
            float[] values = w.linears().containsKey(p.name()) ? w.linear(p.name()).toFloats() : w.vector(p.name());
            out.put(p.name(), Tensor.f32(p.shape().getShape(), values));
        }
        return out;
    }

    private static Tensor need(Map<String, Tensor> t, String name, String source) throws CorruptFileException {
        Tensor x = t.get(name);
        if (x == null) {
            throw new CorruptFileException(source, "missing tensor '" + name + "'");
        }
        return x;
    }
}
