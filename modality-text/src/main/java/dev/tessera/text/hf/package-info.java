/**
 * Hugging Face tokenizers through DJL's Rust binding: {@link dev.tessera.text.hf.HfTokenizer} loads
 * any {@code tokenizer.json} (WordPiece, BPE, Unigram) with the natives bundled in DJL's jar.
 *
 * @see dev.tessera.text.bpe.HfTokenizerJson
 */
package dev.tessera.text.hf;
