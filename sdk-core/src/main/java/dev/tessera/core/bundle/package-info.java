/**
 * A trained model as one file: {@link dev.tessera.core.bundle.ModelBundle} (a {@code .tessera} zip of the config,
 * the safetensors weights, every modality's saved state and the {@link dev.tessera.core.bundle.Provenance}),
 * quantised weights, and importers of other formats. Built on the low-level formats of
 * {@link dev.tessera.core.io}.
 */
package dev.tessera.core.bundle;
