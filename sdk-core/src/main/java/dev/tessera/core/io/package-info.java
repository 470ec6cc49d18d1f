/**
 * Files: the safetensors format ({@link dev.tessera.core.io.Safetensors}), model bundles
 * ({@link dev.tessera.core.io.ModelBundle}), atomic writes ({@link dev.tessera.core.io.AtomicFiles})
 * and the shared JSON codec ({@link dev.tessera.core.io.Json}).
 */
package dev.tessera.core.io;
