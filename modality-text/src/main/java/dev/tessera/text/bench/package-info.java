/**
 * Benchmark support: {@link dev.tessera.text.bench.ThroughputHarness} measures tokenizers on one
 * corpus with warm-up and interleaved repeated runs; the {@code tessera bench-tokenizer} command
 * wires in Tessera, jtokkit and DJL's Hugging Face binding.
 */
package dev.tessera.text.bench;
