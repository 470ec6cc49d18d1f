/**
 * Text as a modality of the SDK: {@link dev.tessera.text.modality.TextModality} puts any of the module's
 * tokenizers behind the core's tokenizer/detokenizer SPI and saves it in a bundle
 * ({@link dev.tessera.text.modality.TextModalityProvider} restores it), and
 * {@link dev.tessera.text.modality.ByteText} is the shared byte text every task writes text in.
 */
package dev.tessera.text.modality;
