package dev.tessera.core.model;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** Name, shape and initialisation of one backbone parameter. */
record ParameterSpec(String name, Shape shape, Init init) {

    /** How a parameter starts. */
    enum Init { NORMAL, RESIDUAL, ZEROS, ONES }

    /** Lists every parameter a config defines, in a stable order. */
    static List<ParameterSpec> of(ModelConfig c) {
        List<ParameterSpec> p = new ArrayList<>();
        int d = c.dModel();
        int hd = c.headSize();
        int qkv = (c.heads() + 2 * c.kvHeads()) * hd;
        p.add(new ParameterSpec("wte.weight", new Shape(c.vocabSize(), d), Init.NORMAL));
        boolean gpt2 = c.architecture() == Architecture.GPT2;
        if (gpt2) {
            p.add(new ParameterSpec("wpe.weight", new Shape(c.contextLength(), d), Init.NORMAL));
        }
        for (int i = 0; i < c.layers(); i++) {
            String b = "blocks." + i + ".";
            if (gpt2) {
                p.add(new ParameterSpec(b + "ln1.weight", new Shape(d), Init.ONES));
                p.add(new ParameterSpec(b + "ln1.bias", new Shape(d), Init.ZEROS));
                p.add(new ParameterSpec(b + "attn.qkv.weight", new Shape(qkv, d), Init.NORMAL));
                p.add(new ParameterSpec(b + "attn.qkv.bias", new Shape(qkv), Init.ZEROS));
                p.add(new ParameterSpec(b + "attn.proj.weight", new Shape(d, d), Init.RESIDUAL));
                p.add(new ParameterSpec(b + "attn.proj.bias", new Shape(d), Init.ZEROS));
                p.add(new ParameterSpec(b + "ln2.weight", new Shape(d), Init.ONES));
                p.add(new ParameterSpec(b + "ln2.bias", new Shape(d), Init.ZEROS));
                p.add(new ParameterSpec(b + "mlp.fc1.weight", new Shape(c.ffHidden(), d), Init.NORMAL));
                p.add(new ParameterSpec(b + "mlp.fc1.bias", new Shape(c.ffHidden()), Init.ZEROS));
                p.add(new ParameterSpec(b + "mlp.fc2.weight", new Shape(d, c.ffHidden()), Init.RESIDUAL));
                p.add(new ParameterSpec(b + "mlp.fc2.bias", new Shape(d), Init.ZEROS));
            } else {
                p.add(new ParameterSpec(b + "attn_norm.weight", new Shape(d), Init.ONES));
                p.add(new ParameterSpec(b + "attn.qkv.weight", new Shape(qkv, d), Init.NORMAL));
                p.add(new ParameterSpec(b + "attn.proj.weight", new Shape(d, c.heads() * hd), Init.RESIDUAL));
                p.add(new ParameterSpec(b + "mlp_norm.weight", new Shape(d), Init.ONES));
                p.add(new ParameterSpec(b + "mlp.gate_up.weight", new Shape(2L * c.ffHidden(), d), Init.NORMAL));
                p.add(new ParameterSpec(b + "mlp.down.weight", new Shape(d, c.ffHidden()), Init.RESIDUAL));
            }
        }
        if (gpt2) {
            p.add(new ParameterSpec("ln_f.weight", new Shape(d), Init.ONES));
            p.add(new ParameterSpec("ln_f.bias", new Shape(d), Init.ZEROS));
        } else {
            p.add(new ParameterSpec("norm_f.weight", new Shape(d), Init.ONES));
        }
        if (!c.tiedHead()) {
            p.add(new ParameterSpec("head.weight", new Shape(c.vocabSize(), d), Init.NORMAL));
        }
        return p;
    }
}
