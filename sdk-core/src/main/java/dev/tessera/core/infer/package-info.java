/**
 * Fast generation on the JVM: {@link dev.tessera.core.infer.JvmDecodeEngine} runs the backbone on
 * Java arrays, its matrices stored in row panels ({@link dev.tessera.core.infer.Linear}: fp32, int8
 * per row, int4 group-wise) and multiplied by Vector API kernels with a scalar fallback, split over
 * threads when large; {@link dev.tessera.core.infer.BatchSession} decodes many sequences per step,
 * joining and leaving between steps; {@link dev.tessera.core.infer.Quantizer} quantises weights
 * (round to nearest, GPTQ); {@link dev.tessera.core.infer.DecodeBenchmark} measures tokens/s. Weight
 * names and shapes come from {@link dev.tessera.core.model.ParameterSpec}. This package reads no
 * files (the io package's {@code QuantizedWeightsFile} stores its weights), so io may depend on it.
 *
 * @see dev.tessera.core.infer.JvmWeights
 * @see dev.tessera.core.infer.EngineChoice
 */
package dev.tessera.core.infer;
