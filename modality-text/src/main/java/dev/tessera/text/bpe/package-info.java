/**
 * Byte-level BPE: {@link dev.tessera.text.bpe.ByteLevelBpe} (GPT-2 pre-tokenisation, byte-to-unicode
 * alphabet, merge ranks in a primitive table, word cache, multi-threaded batches), loaders for
 * GPT-2's {@code encoder.json} + {@code vocab.bpe} ({@link dev.tessera.text.bpe.Gpt2Vocabulary}) and
 * Hugging Face {@code tokenizer.json} ({@link dev.tessera.text.bpe.HfTokenizerJson}), and a trainer
 * that learns merges from a corpus ({@link dev.tessera.text.bpe.BpeTrainer}).
 *
 * @see dev.tessera.text.bpe.Gpt2PreTokenizer
 * @see dev.tessera.text.bpe.SpecialTokenPolicy
 */
package dev.tessera.text.bpe;
