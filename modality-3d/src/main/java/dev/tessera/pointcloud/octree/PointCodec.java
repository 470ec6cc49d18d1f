package dev.tessera.pointcloud.octree;

/**
 * A lossless serialisation of the voxels a unit-cube point set occupies at some resolution, into
 * local token ids.
 */
public interface PointCodec {

    /** @return a short name ({@code octree}, {@code morton}) */
    String kind();

    /** @return the leaf depth: voxels are {@code 1 / 2^depth} wide */
    int depth();

    /** @return the number of distinct token ids */
    int vocabularySize();

    /**
     * Encodes points.
     *
     * @param unitXyz flat coordinates inside {@code [-0.5, 0.5]^3}, at least one point
     * @return the tokens
     */
    int[] encode(float[] unitXyz);

    /**
     * Decodes tokens to the occupied voxels.
     *
     * @param tokens a complete token stream of this codec
     * @return the Morton codes of the occupied leaf voxels, ascending
     * @throws IllegalArgumentException if the stream is invalid (the message gives the position)
     */
    long[] decodeVoxels(int[] tokens);

    /** @return bits needed to store one token */
    default int bitsPerToken() {
        return 32 - Integer.numberOfLeadingZeros(vocabularySize() - 1);
    }

    /**
     * Returns the bytes needed to store a stream at {@link #bitsPerToken()} bits per token.
     *
     * @param tokens number of tokens
     * @return bytes, rounded up
     */
    default long bytes(int tokens) {
        return ((long) tokens * bitsPerToken() + 7) / 8;
    }
}
