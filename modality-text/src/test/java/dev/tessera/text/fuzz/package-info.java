/**
 * Jazzer fuzz targets for the text readers: {@code tokenizer.json}, GPT-2's {@code encoder.json} and
 * {@code vocab.bpe}, and token-id files. Seeds live under {@code src/test/resources/dev/tessera/text/fuzz/}.
 *
 * @see dev.tessera.core.fuzz.FuzzSupport
 */
package dev.tessera.text.fuzz;
