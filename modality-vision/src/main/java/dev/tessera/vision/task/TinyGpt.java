package dev.tessera.vision.task;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import dev.tessera.vision.nn.Parameters;

/**
 * A GPT-2 style decoder (learned positions, pre-LayerNorm, fused qkv, GELU MLP, tied head) on raw
 * DJL arrays with stable dotted parameter names ({@code blocks.0.attn.qkv.weight}).
 *
 * <p>A stop-gap: the shared backbone's {@code DecoderModel} in the sdk-core build installed at the
 * time of writing fails in its attention ({@code split} on a shape with -1), so the vision tasks run
 * on this small decoder of the same family until that is fixed; the sequences, layout and heads
 * are those of the core ({@code VocabularyLayout}, framed segments).
 */
final class TinyGpt implements AutoCloseable {
    /**
     * The shape.
     *
     * @param vocabSize global ids
     * @param context the longest sequence
     * @param layers blocks
     * @param heads attention heads
     * @param dModel width
     */
    record Config(int vocabSize, int context, int layers, int heads, int dModel) {
        Config {
            if (vocabSize < 1 || context < 1 || layers < 1 || heads < 1 || dModel % heads != 0) {
                throw new IllegalArgumentException("bad decoder config: vocab " + vocabSize + ", context " + context
                        + ", layers " + layers + ", heads " + heads + ", dModel " + dModel);
            }
        }
    }

    private final Config config;
    private final Parameters params;
    private final NDArray causal;

    TinyGpt(Config config, long seed) {
        this.config = config;
        this.params = new Parameters(NDManager.newBaseManager(Device.cpu()), seed);
        int d = config.dModel();
        double std = 0.02;
        double resid = 0.02 / Math.sqrt(2.0 * config.layers());
        params.normal("wte.weight", new Shape(config.vocabSize(), d), std);
        params.normal("wpe.weight", new Shape(config.context(), d), std / 2);
        for (int i = 0; i < config.layers(); i++) {
            String b = "blocks." + i + ".";
            norm(b + "ln1", d);
            params.normal(b + "attn.qkv.weight", new Shape(d, 3 * d), std);
            params.zeros(b + "attn.qkv.bias", new Shape(3 * d));
            params.normal(b + "attn.proj.weight", new Shape(d, d), resid);
            params.zeros(b + "attn.proj.bias", new Shape(d));
            norm(b + "ln2", d);
            params.normal(b + "mlp.fc1.weight", new Shape(d, 4 * d), std);
            params.zeros(b + "mlp.fc1.bias", new Shape(4 * d));
            params.normal(b + "mlp.fc2.weight", new Shape(4 * d, d), resid);
            params.zeros(b + "mlp.fc2.bias", new Shape(d));
        }
        norm("ln_f", d);
        int t = config.context();
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = -1e9f;
            }
        }
        this.causal = params.manager().create(mask, new Shape(t, t));
    }

    private void norm(String name, int d) {
        float[] ones = new float[d];
        java.util.Arrays.fill(ones, 1f);
        params.add(name + ".weight", new Shape(d), ones);
        params.zeros(name + ".bias", new Shape(d));
    }

    Config config() {
        return config;
    }

    Parameters parameters() {
        return params;
    }

    NDManager manager() {
        return params.manager();
    }

    NDArray embed(NDArray ids) {
        return ids.getNDArrayInternal().embedding(ids, params.get("wte.weight"), SparseFormat.DENSE).singletonOrThrow();
    }

    /** Runs the blocks on input embeddings {@code (B, T, d)}; returns normalised hidden states. */
    NDArray forward(NDArray x) {
        long bsz = x.getShape().get(0);
        int t = (int) x.getShape().get(1);
        if (t > config.context()) {
            throw new IllegalArgumentException("sequence of " + t + " tokens exceeds the context " + config.context());
        }
        int d = config.dModel();
        int h = config.heads();
        int hd = d / h;
        x = x.add(params.get("wpe.weight").get(new NDIndex("0:{}", t)));
        NDArray mask = causal.get(new NDIndex("0:{}, 0:{}", t, t));
        for (int i = 0; i < config.layers(); i++) {
            String b = "blocks." + i + ".";
            NDArray a = ln(x, b + "ln1");
            NDArray qkv = a.matMul(params.get(b + "attn.qkv.weight")).add(params.get(b + "attn.qkv.bias"));
            qkv = qkv.reshape(bsz, t, 3, h, hd).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0);
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(hd)).add(mask).softmax(-1);
            NDArray o = att.matMul(v).transpose(0, 2, 1, 3).reshape(bsz, t, d);
            x = x.add(o.matMul(params.get(b + "attn.proj.weight")).add(params.get(b + "attn.proj.bias")));
            NDArray m = ln(x, b + "ln2");
            m = Activation.gelu(m.matMul(params.get(b + "mlp.fc1.weight")).add(params.get(b + "mlp.fc1.bias")));
            x = x.add(m.matMul(params.get(b + "mlp.fc2.weight")).add(params.get(b + "mlp.fc2.bias")));
        }
        return ln(x, "ln_f");
    }

    private NDArray ln(NDArray x, String prefix) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(config.dModel()), params.get(prefix + ".weight"),
                params.get(prefix + ".bias"), 1e-5f).singletonOrThrow();
    }

    /** Tied output head: logits over every global id. */
    NDArray logits(NDArray hidden) {
        return hidden.matMul(params.get("wte.weight").transpose());
    }

    long parameterCount() {
        return params.count();
    }

    static DataType ids() {
        return DataType.INT64;
    }

    @Override
    public void close() {
        params.close();
    }
}
