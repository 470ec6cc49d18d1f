/**
 * Images as a Tessera modality: the {@link dev.tessera.vision.ImageModality} wraps an
 * {@link dev.tessera.vision.ImageCodec} (VQ autoencoder or k-means patch codebook) and is restored
 * from a model bundle by {@link dev.tessera.vision.VqModalityProvider} or
 * {@link dev.tessera.vision.KMeansModalityProvider}.
 *
 * @see dev.tessera.vision.ImageModality
 */
package dev.tessera.vision;
