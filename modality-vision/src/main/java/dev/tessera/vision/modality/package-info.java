/**
 * Images as a Tessera modality: the {@link dev.tessera.vision.modality.ImageModality} wraps an
 * {@link dev.tessera.vision.ImageCodec} (VQ autoencoder or k-means patch codebook) and is restored
 * from a model bundle by {@link dev.tessera.vision.modality.VqModalityProvider} or
 * {@link dev.tessera.vision.modality.KMeansModalityProvider}, both registered in
 * {@code META-INF/services/dev.tessera.core.modality.ModalityProvider}. Bundles name the provider
 * ({@code vision-vq}, {@code vision-kmeans}), not its class, so bundles saved before the move load.
 *
 * @see dev.tessera.vision.modality.ImageModality
 */
package dev.tessera.vision.modality;
