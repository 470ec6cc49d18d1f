/** Inference measurements: whether memory stays flat over many generation calls ({@link dev.tessera.samples.infer.GenerationMemory}, the {@code bench-memory} command). */
package dev.tessera.samples.infer;
