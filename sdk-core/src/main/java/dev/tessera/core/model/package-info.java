/**
 * The shared decoder-only backbone on DJL: {@link dev.tessera.core.model.ModelConfig} (an
 * immutable record), {@link dev.tessera.core.model.DecoderModel} (named parameters, the forward
 * pass fitting on one screen per block) and {@link dev.tessera.core.model.KvCache} for incremental
 * decoding; {@link dev.tessera.core.model.ParameterSpec} is the one list of parameter names and
 * shapes that the DJL model, the JVM engine, bundles and quantisation read. Two block styles: {@link dev.tessera.core.model.Architecture#MODERN} (RMSNorm, rotary
 * positions, SwiGLU, optional grouped KV heads) and {@link dev.tessera.core.model.Architecture#GPT2}
 * (learned positions, LayerNorm, fused qkv with biases, GELU MLP, tied head).
 */
package dev.tessera.core.model;
