package dev.tessera.core.model;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Name, shape and initialisation of one backbone parameter: the one definition of the backbone's
 * weights that the DJL model, the JVM engine, bundles and quantisation all read.
 *
 * <p>Names are stable and dotted. Whole-model parameters have fixed names ({@link #WTE},
 * {@link #LN_F_WEIGHT}...); a block's parameter is {@link #block(int, String) block(i, local)},
 * e.g. {@code block(3, ATTN_QKV_WEIGHT)} is {@code blocks.3.attn.qkv.weight}. Matrices are stored
 * {@code (out, in)} as in PyTorch.
 *
 * <pre>{@code
 * // given: ModelConfig config
 * for (ParameterSpec p : ParameterSpec.of(config)) {
 *     System.out.println(p.name() + " " + p.shape() + (p.isBlockMatrix() ? " (matrix)" : ""));
 * }
 * }</pre>
 *
 * @param name the dotted name
 * @param shape the shape
 * @param init how the parameter starts in a fresh model
 */
public record ParameterSpec(String name, Shape shape, Init init) {
    /** Token embedding {@code (vocab, dModel)}; also the output head of a tied model. */
    public static final String WTE = "wte.weight";
    /** Learned positions {@code (context, dModel)} (GPT-2 blocks only). */
    public static final String WPE = "wpe.weight";
    /** Final LayerNorm gain (GPT-2). */
    public static final String LN_F_WEIGHT = "ln_f.weight";
    /** Final LayerNorm bias (GPT-2). */
    public static final String LN_F_BIAS = "ln_f.bias";
    /** Final RMSNorm gain (modern). */
    public static final String NORM_F_WEIGHT = "norm_f.weight";
    /** Output projection {@code (vocab, dModel)} of an untied model. */
    public static final String HEAD = "head.weight";

    /** Block-local: first LayerNorm gain (GPT-2). */
    public static final String LN1_WEIGHT = "ln1.weight";
    /** Block-local: first LayerNorm bias (GPT-2). */
    public static final String LN1_BIAS = "ln1.bias";
    /** Block-local: second LayerNorm gain (GPT-2). */
    public static final String LN2_WEIGHT = "ln2.weight";
    /** Block-local: second LayerNorm bias (GPT-2). */
    public static final String LN2_BIAS = "ln2.bias";
    /** Block-local: RMSNorm gain before attention (modern). */
    public static final String ATTN_NORM_WEIGHT = "attn_norm.weight";
    /** Block-local: RMSNorm gain before the MLP (modern). */
    public static final String MLP_NORM_WEIGHT = "mlp_norm.weight";
    /** Block-local: fused query/key/value projection {@code ((heads + 2 kvHeads) headSize, dModel)}. */
    public static final String ATTN_QKV_WEIGHT = "attn.qkv.weight";
    /** Block-local: its bias (GPT-2). */
    public static final String ATTN_QKV_BIAS = "attn.qkv.bias";
    /** Block-local: attention output projection {@code (dModel, heads headSize)}. */
    public static final String ATTN_PROJ_WEIGHT = "attn.proj.weight";
    /** Block-local: its bias (GPT-2). */
    public static final String ATTN_PROJ_BIAS = "attn.proj.bias";
    /** Block-local: MLP up projection {@code (ffHidden, dModel)} (GPT-2). */
    public static final String MLP_FC1_WEIGHT = "mlp.fc1.weight";
    /** Block-local: its bias (GPT-2). */
    public static final String MLP_FC1_BIAS = "mlp.fc1.bias";
    /** Block-local: MLP down projection {@code (dModel, ffHidden)} (GPT-2). */
    public static final String MLP_FC2_WEIGHT = "mlp.fc2.weight";
    /** Block-local: its bias (GPT-2). */
    public static final String MLP_FC2_BIAS = "mlp.fc2.bias";
    /** Block-local: fused SwiGLU gate and up projection {@code (2 ffHidden, dModel)} (modern). */
    public static final String MLP_GATE_UP_WEIGHT = "mlp.gate_up.weight";
    /** Block-local: SwiGLU down projection {@code (dModel, ffHidden)} (modern). */
    public static final String MLP_DOWN_WEIGHT = "mlp.down.weight";

    private static final String BLOCKS = "blocks.";

    /** How a parameter starts. */
    public enum Init {
        /** N(0, 0.02). */
        NORMAL,
        /** N(0, 0.02 / sqrt(2 layers)): the projections that write into the residual stream. */
        RESIDUAL,
        /** Zeros (biases). */
        ZEROS,
        /** Ones (norm gains). */
        ONES
    }

    /**
     * Checks the fields.
     *
     * @param name the dotted name
     * @param shape the shape
     * @param init the initialisation
     */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(init, "init");
    }

    /**
     * The name prefix of block {@code layer}'s parameters.
     *
     * @param layer the block index
     * @return {@code "blocks.<layer>."}
     */
    public static String blockPrefix(int layer) {
        if (layer < 0) {
            throw new IllegalArgumentException("block index (" + layer + ") must be >= 0");
        }
        return "blocks." + layer + ".";
    }

    /**
     * The full name of a block's parameter.
     *
     * @param layer the block index
     * @param local the block-local name, e.g. {@link #ATTN_QKV_WEIGHT}
     * @return e.g. {@code blocks.3.attn.qkv.weight}
     */
    public static String block(int layer, String local) {
        return blockPrefix(layer) + local;
    }

    /**
     * The block a parameter name belongs to.
     *
     * @param name a full parameter name
     * @return the block index, or -1 for a whole-model parameter (embedding, final norm, head, extras)
     */
    public static int layerOf(String name) {
        if (!name.startsWith(BLOCKS)) {
            return -1;
        }
        int dot = name.indexOf('.', BLOCKS.length());
        try {
            return dot < 0 ? -1 : Integer.parseInt(name.substring(BLOCKS.length(), dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The block-local name of the MLP's input projection in this architecture.
     *
     * @param a the block style
     * @return {@link #MLP_FC1_WEIGHT} or {@link #MLP_GATE_UP_WEIGHT}
     */
    public static String mlpUp(Architecture a) {
        return a == Architecture.GPT2 ? MLP_FC1_WEIGHT : MLP_GATE_UP_WEIGHT;
    }

    /**
     * The block-local name of the MLP's output projection in this architecture.
     *
     * @param a the block style
     * @return {@link #MLP_FC2_WEIGHT} or {@link #MLP_DOWN_WEIGHT}
     */
    public static String mlpDown(Architecture a) {
        return a == Architecture.GPT2 ? MLP_FC2_WEIGHT : MLP_DOWN_WEIGHT;
    }

    /** @return true for the matrices inside the blocks (what a matrix-multiply kernel or quantiser applies to) */
    public boolean isBlockMatrix() {
        return layerOf(name) >= 0 && shape.dimension() == 2;
    }

    /**
     * Lists every parameter a config defines, in a stable order: embeddings, then each block, then
     * the final norm and (untied) head.
     *
     * @param c the config
     * @return the specs (a new list)
     */
    public static List<ParameterSpec> of(ModelConfig c) {
        List<ParameterSpec> p = new ArrayList<>();
        int d = c.dModel();
        int hd = c.headSize();
        int qkv = (c.heads() + 2 * c.kvHeads()) * hd;
        p.add(new ParameterSpec(WTE, new Shape(c.vocabSize(), d), Init.NORMAL));
        boolean gpt2 = c.architecture() == Architecture.GPT2;
        if (gpt2) {
            p.add(new ParameterSpec(WPE, new Shape(c.contextLength(), d), Init.NORMAL));
        }
        for (int i = 0; i < c.layers(); i++) {
            if (gpt2) {
                p.add(new ParameterSpec(block(i, LN1_WEIGHT), new Shape(d), Init.ONES));
                p.add(new ParameterSpec(block(i, LN1_BIAS), new Shape(d), Init.ZEROS));
                p.add(new ParameterSpec(block(i, ATTN_QKV_WEIGHT), new Shape(qkv, d), Init.NORMAL));
                p.add(new ParameterSpec(block(i, ATTN_QKV_BIAS), new Shape(qkv), Init.ZEROS));
                p.add(new ParameterSpec(block(i, ATTN_PROJ_WEIGHT), new Shape(d, d), Init.RESIDUAL));
                p.add(new ParameterSpec(block(i, ATTN_PROJ_BIAS), new Shape(d), Init.ZEROS));
                p.add(new ParameterSpec(block(i, LN2_WEIGHT), new Shape(d), Init.ONES));
                p.add(new ParameterSpec(block(i, LN2_BIAS), new Shape(d), Init.ZEROS));
                p.add(new ParameterSpec(block(i, MLP_FC1_WEIGHT), new Shape(c.ffHidden(), d), Init.NORMAL));
                p.add(new ParameterSpec(block(i, MLP_FC1_BIAS), new Shape(c.ffHidden()), Init.ZEROS));
                p.add(new ParameterSpec(block(i, MLP_FC2_WEIGHT), new Shape(d, c.ffHidden()), Init.RESIDUAL));
                p.add(new ParameterSpec(block(i, MLP_FC2_BIAS), new Shape(d), Init.ZEROS));
            } else {
                p.add(new ParameterSpec(block(i, ATTN_NORM_WEIGHT), new Shape(d), Init.ONES));
                p.add(new ParameterSpec(block(i, ATTN_QKV_WEIGHT), new Shape(qkv, d), Init.NORMAL));
                p.add(new ParameterSpec(block(i, ATTN_PROJ_WEIGHT), new Shape(d, c.heads() * hd), Init.RESIDUAL));
                p.add(new ParameterSpec(block(i, MLP_NORM_WEIGHT), new Shape(d), Init.ONES));
                p.add(new ParameterSpec(block(i, MLP_GATE_UP_WEIGHT), new Shape(2L * c.ffHidden(), d), Init.NORMAL));
                p.add(new ParameterSpec(block(i, MLP_DOWN_WEIGHT), new Shape(d, c.ffHidden()), Init.RESIDUAL));
            }
        }
        if (gpt2) {
            p.add(new ParameterSpec(LN_F_WEIGHT, new Shape(d), Init.ONES));
            p.add(new ParameterSpec(LN_F_BIAS, new Shape(d), Init.ZEROS));
        } else {
            p.add(new ParameterSpec(NORM_F_WEIGHT, new Shape(d), Init.ONES));
        }
        if (!c.tiedHead()) {
            p.add(new ParameterSpec(HEAD, new Shape(c.vocabSize(), d), Init.NORMAL));
        }
        return p;
    }
}
