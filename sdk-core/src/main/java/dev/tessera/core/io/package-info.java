/**
 * Files: the safetensors format ({@link dev.tessera.core.io.Safetensors}), model bundles
 * ({@link dev.tessera.core.io.ModelBundle}), the JVM engine's (possibly quantised) weights
 * ({@link dev.tessera.core.io.QuantizedWeightsFile}), atomic writes
 * ({@link dev.tessera.core.io.AtomicFiles}) and the shared JSON codec ({@link dev.tessera.core.io.Json}).
 */
package dev.tessera.core.io;
