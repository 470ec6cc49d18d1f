package dev.tessera.pointcloud.octree;

/**
 * PointGPT-style serialisation: the occupied voxels at a depth, sorted in Morton (Z-) order, each
 * written as three tokens {@code x, y, z} (vocabulary {@code 2^depth}). Lossless at the voxel
 * resolution, like the octree, but about three tokens per occupied voxel instead of about one per
 * occupied node.
 */
public final class MortonVoxelCodec implements PointCodec {
    private final int depth;

    /**
     * Creates a codec.
     *
     * @param depth bits per coordinate, 1 to 12
     */
    public MortonVoxelCodec(int depth) {
        if (depth < 1 || depth > 12) {
            throw new IllegalArgumentException("depth (" + depth + ") must be in [1, 12]");
        }
        this.depth = depth;
    }

    @Override
    public String kind() {
        return "morton";
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public int vocabularySize() {
        return 1 << depth;
    }

    @Override
    public int[] encode(float[] unitXyz) {
        if (unitXyz.length < 3) {
            throw new IllegalArgumentException("cannot encode an empty point set");
        }
        long[] codes = Morton.occupied(unitXyz, depth);
        int[] out = new int[3 * codes.length];
        for (int i = 0; i < codes.length; i++) {
            int[] c = Morton.decode(codes[i], depth);
            out[3 * i] = c[0];
            out[3 * i + 1] = c[1];
            out[3 * i + 2] = c[2];
        }
        return out;
    }

    @Override
    public long[] decodeVoxels(int[] tokens) {
        if (tokens.length == 0 || tokens.length % 3 != 0) {
            throw new IllegalArgumentException("a Morton voxel stream holds x, y, z triples; got " + tokens.length
                    + " tokens");
        }
        long[] codes = new long[tokens.length / 3];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocabularySize()) {
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i + " is outside [0, "
                        + vocabularySize() + ")");
            }
        }
        for (int i = 0; i < codes.length; i++) {
            codes[i] = Morton.encode(tokens[3 * i], tokens[3 * i + 1], tokens[3 * i + 2], depth);
            if (i > 0 && codes[i] <= codes[i - 1]) {
                throw new IllegalArgumentException("voxel at positions " + (3 * i) + ".." + (3 * i + 2)
                        + " is not after the previous one in Morton order (duplicate or unsorted)");
            }
        }
        return codes;
    }
}
