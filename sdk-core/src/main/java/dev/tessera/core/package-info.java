/**
 * Tessera's core: one decoder-only transformer backbone shared by every modality.
 *
 * <p>Sub-packages by concern: {@link dev.tessera.core.modality} (the tokenizer plug-in SPI),
 * {@link dev.tessera.core.token} (token streams and the global vocabulary layout),
 * {@link dev.tessera.core.model} (the backbone, heads and KV cache on DJL),
 * {@link dev.tessera.core.train} (the training loop), {@link dev.tessera.core.generate}
 * (sampling and constrained generation) and {@link dev.tessera.core.io} (safetensors and model
 * bundles).
 */
package dev.tessera.core;
