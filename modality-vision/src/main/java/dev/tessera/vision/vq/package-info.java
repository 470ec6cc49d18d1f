/**
 * The VQ tokenizer: {@link dev.tessera.vision.vq.VqAutoencoder} (conv encoder, codebook, conv +
 * pixel-shuffle decoder), {@link dev.tessera.vision.vq.VqTrainer} (straight-through, commitment
 * loss, EMA codebook, dead-code restarts) and {@link dev.tessera.vision.vq.CodebookUsage}.
 */
package dev.tessera.vision.vq;
