package dev.tessera.vision;

import java.io.IOException;

/**
 * A trained image tokenizer model: packed square images to token grids and back. Implemented by
 * the VQ autoencoder and the k-means patch codebook.
 */
public interface ImageCodec {

    /** @return the square image side in pixels */
    int imageSize();

    /** @return 1 (gray) or 3 (RGB) */
    int channels();

    /** @return the token grid side */
    int grid();

    /** @return the number of codes */
    int codebookSize();

    /** @return the name of the provider that restores this codec ({@code vision-vq} or {@code vision-kmeans}) */
    String providerName();

    /**
     * Tokenizes packed images.
     *
     * @param pixels {@code n * channels * imageSize^2} values in [0, 1]
     * @param n the number of images
     * @return {@code n} raster-order token grids
     */
    int[][] tokenize(float[] pixels, int n);

    /**
     * Decodes token grids into packed images in [0, 1].
     *
     * @param grids token grids of {@code grid^2} codes
     * @return packed images
     * @throws IllegalArgumentException if a grid has the wrong length or an id is outside the codebook
     */
    float[] detokenize(int[][] grids);

    /**
     * Serialises the codec (weights as safetensors bytes).
     *
     * @return the bytes
     * @throws IOException if serialisation fails
     */
    byte[] toBytes() throws IOException;

    /**
     * Returns the vector of every code (the VQ codebook or the k-means centroids), used as
     * continuous input features of image tokens.
     *
     * @return {@code codebookSize * codeDim()} values
     */
    float[] codeVectors();

    /** @return the length of one code vector */
    default int codeDim() {
        return codeVectors().length / codebookSize();
    }

    /** @return tokens per image */
    default int tokensPerImage() {
        return grid() * grid();
    }
}
