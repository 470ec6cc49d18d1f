/**
 * The contract every image tokenizer model fulfils: {@link dev.tessera.vision.ImageCodec} (packed square
 * images to token grids and back), implemented by the VQ autoencoder ({@code vq}) and the k-means patch
 * codebook ({@code kmeans}). The modality over it lives in {@code dev.tessera.vision.modality}; this package
 * depends on no other package of the module.
 *
 * @see dev.tessera.vision.ImageCodec
 * @see dev.tessera.vision.modality.ImageModality
 */
package dev.tessera.vision;
