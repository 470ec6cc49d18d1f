/**
 * Low-level file formats and reading rules, with no dependency on the rest of the SDK: the safetensors format
 * ({@link dev.tessera.core.io.Safetensors}), atomic writes ({@link dev.tessera.core.io.AtomicFiles}), the shared
 * JSON codec ({@link dev.tessera.core.io.Json}) and its strict reader, size limits checked before allocating
 * ({@link dev.tessera.core.io.Limits}) and the error for a bad file ({@link dev.tessera.core.io.CorruptFileException}).
 * Model bundles are built on these in {@link dev.tessera.core.bundle}.
 */
package dev.tessera.core.io;
