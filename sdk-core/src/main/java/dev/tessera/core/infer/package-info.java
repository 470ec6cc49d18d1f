/**
 * Fast generation on the JVM: {@link dev.tessera.core.infer.JvmDecodeEngine} runs the backbone on
 * Java float arrays (Vector API kernels with a scalar fallback, multithreaded matrix-vector
 * products, batched decoding), post-training weight quantisation (int8 per row, int4 group-wise,
 * GPTQ) and a decode benchmark.
 */
package dev.tessera.core.infer;
