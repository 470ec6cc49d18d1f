package dev.tessera.core.model;

/** The two block styles of the backbone. */
public enum Architecture {
    /** RMSNorm, rotary positions, SwiGLU MLP, optional grouped KV heads, no biases (Llama style). */
    MODERN,
    /**
     * GPT-2 style: learned positions, LayerNorm (eps 1e-5), fused qkv with biases, exact-erf GELU MLP
     * (4x), tied head; loads weights of the GPT-2 family and of {@code gpt_ref.py --export}.
     */
    GPT2
}
