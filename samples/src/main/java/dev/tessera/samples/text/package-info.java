/**
 * Text commands of the {@code tessera} CLI: {@code tokenize} and {@code bench-tokenizer}; the logic
 * lives in {@code modality-text}.
 *
 * @see dev.tessera.text.TokenFiles
 * @see dev.tessera.text.bench.ThroughputHarness
 */
package dev.tessera.samples.text;
