/**
 * The text modality: {@link dev.tessera.text.modality.TextModality} puts any {@link dev.tessera.text.TextTokenizer}
 * (byte-level BPE, characters, bytes) behind the core modality SPI, and
 * {@link dev.tessera.text.modality.TextModalityProvider} restores it from a model bundle.
 * {@link dev.tessera.text.StreamingTextDecoder} releases generated text as soon as its UTF-8 is complete.
 *
 * @see dev.tessera.text.bpe.ByteLevelBpe
 * @see dev.tessera.text.SurrogatePolicy
 */
package dev.tessera.text;
