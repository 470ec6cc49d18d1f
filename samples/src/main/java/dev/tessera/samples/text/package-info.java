/**
 * Text benchmarks: {@link dev.tessera.samples.text.ThroughputHarness} measures tokenizers on one corpus with
 * warm-up and interleaved repeated runs ({@code tessera bench-tokenizer} wires in Tessera, jtokkit and DJL's
 * Hugging Face binding). The tokenizers themselves live in {@code modality-text}.
 */
package dev.tessera.samples.text;
