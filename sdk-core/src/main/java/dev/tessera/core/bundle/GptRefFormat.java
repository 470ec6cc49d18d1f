package dev.tessera.core.bundle;

import dev.tessera.core.io.Tensor;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Json;
import dev.tessera.core.io.CorruptFileException;
import ai.djl.Device;
import com.google.gson.JsonObject;
import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Imports a folder written by {@code gpt_ref.py --export} ({@code config.json} +
 * {@code model.safetensors}) into a GPT-2 style {@link DecoderModel}.
 *
 * <p>Name mapping: {@code gpt_ref}'s state-dict names are Tessera's GPT-2 names unchanged
 * ({@code wte.weight}, {@code wpe.weight}, {@code blocks.N.ln1.*}, {@code blocks.N.attn.qkv.*},
 * {@code blocks.N.attn.proj.*}, {@code blocks.N.ln2.*}, {@code blocks.N.mlp.fc1.*},
 * {@code blocks.N.mlp.fc2.*}, {@code ln_f.*}; Linear weights {@code (out, in)}). A tied export has
 * no {@code head.weight}; an untied one has it. Hugging Face GPT-2 checkpoints use other names and
 * transposed {@code Conv1D} weights: see {@link #fromHuggingFaceGpt2Names}.
 */
public final class GptRefFormat {
    private GptRefFormat() { }

    /**
     * Reads the config of an export folder.
     *
     * @param dir the folder
     * @return the model config
     * @throws IOException if {@code config.json} is missing or malformed
     */
    public static ModelConfig readConfig(Path dir) throws IOException {
        Path p = dir.resolve("config.json");
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString(), null, "gpt_ref export folder lacks config.json");
        }
        try {
            JsonObject c = Json.GSON.fromJson(Files.readString(p, StandardCharsets.UTF_8), JsonObject.class);
            int vocab = c.get("vocab").getAsInt();
            int ctx = c.get("context").getAsInt();
            int layers = c.get("n_layer").getAsInt();
            int heads = c.get("n_head").getAsInt();
            int d = c.get("d_model").getAsInt();
            boolean tied = !c.has("tied") || c.get("tied").getAsBoolean();
            float eps = c.has("layer_norm_eps") ? c.get("layer_norm_eps").getAsFloat() : 1e-5f;
            return new ModelConfig(Architecture.GPT2, vocab, ctx, layers, heads, heads, d, 4 * d, eps, 10000f, tied);
        } catch (RuntimeException e) {
            throw new CorruptFileException(p.toString(), "not a gpt_ref config: " + e.getMessage(), e);
        }
    }

    /**
     * Loads an export folder.
     *
     * @param dir the folder
     * @param device where to put the weights
     * @return the model
     * @throws IOException if a file is missing, truncated, or a tensor does not match the config
     */
    public static DecoderModel load(Path dir, Device device) throws IOException {
        ModelConfig cfg = readConfig(dir);
        Path w = dir.resolve("model.safetensors");
        Safetensors.Content content = Safetensors.read(w);
        return ModelBundle.modelFrom(cfg, content.tensors(), device, w.toString());
    }

    /**
     * Maps a Hugging Face GPT-2 state dict ({@code transformer.h.N.attn.c_attn.weight}, Conv1D
     * weights stored {@code (in, out)}) to Tessera's names and {@code (out, in)} layout.
     *
     * @param hf tensors by Hugging Face name
     * @return tensors by Tessera name
     */
    public static Map<String, Tensor> fromHuggingFaceGpt2Names(Map<String, Tensor> hf) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : hf.entrySet()) {
            String n = e.getKey().startsWith("transformer.") ? e.getKey().substring("transformer.".length()) : e.getKey();
            if (n.endsWith(".attn.bias") || n.endsWith(".attn.masked_bias") || n.equals("lm_head.weight")) {
                continue; // causal-mask buffers, and the tied head
            }
            Tensor t = e.getValue();
            boolean conv1d = n.matches("h\\.\\d+\\.(attn\\.c_attn|attn\\.c_proj|mlp\\.c_fc|mlp\\.c_proj)\\.weight");
            n = n.replaceFirst("^h\\.(\\d+)\\.", "blocks.$1.")
                    .replace(".ln_1.", ".ln1.").replace(".ln_2.", ".ln2.")
                    .replace(".attn.c_attn.", ".attn.qkv.").replace(".attn.c_proj.", ".attn.proj.")
                    .replace(".mlp.c_fc.", ".mlp.fc1.").replace(".mlp.c_proj.", ".mlp.fc2.");
            out.put(n, conv1d ? transpose(t) : t);
        }
        return out;
    }

    private static Tensor transpose(Tensor t) {
        long[] s = t.shape();
        int rows = (int) s[0];
        int cols = (int) s[1];
        float[] a = t.floats();
        float[] b = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                b[j * rows + i] = a[i * cols + j];
            }
        }
        return Tensor.f32(new long[] {cols, rows}, b);
    }
}
