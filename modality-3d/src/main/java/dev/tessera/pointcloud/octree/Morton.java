package dev.tessera.pointcloud.octree;

/**
 * Morton (Z-order) codes of integer voxel coordinates: the bits of x, y and z interleaved, x most
 * significant within each triple, so the 3-bit group at level {@code l} is the octant
 * {@code (x << 2) | (y << 1) | z} of the child at that level.
 */
public final class Morton {
    /** Largest supported depth (3 * 20 bits fit in a long). */
    public static final int MAX_DEPTH = 20;

    private Morton() { }

    /**
     * Interleaves coordinates.
     *
     * @param x voxel x in {@code [0, 2^depth)}
     * @param y voxel y
     * @param z voxel z
     * @param depth bits per coordinate
     * @return the Morton code
     */
    public static long encode(int x, int y, int z, int depth) {
        long code = 0;
        for (int b = depth - 1; b >= 0; b--) {
            code = (code << 3) | (((x >> b) & 1L) << 2) | (((y >> b) & 1L) << 1) | ((z >> b) & 1L);
        }
        return code;
    }

    /**
     * Splits a code back into coordinates.
     *
     * @param code the Morton code
     * @param depth bits per coordinate
     * @return {@code {x, y, z}}
     */
    public static int[] decode(long code, int depth) {
        int x = 0;
        int y = 0;
        int z = 0;
        for (int b = depth - 1; b >= 0; b--) {
            int oct = (int) ((code >> (3 * b)) & 7);
            x = (x << 1) | (oct >> 2);
            y = (y << 1) | ((oct >> 1) & 1);
            z = (z << 1) | (oct & 1);
        }
        return new int[] {x, y, z};
    }

    /**
     * Quantises unit-cube coordinates ({@code [-0.5, 0.5]}) to voxel indices at a depth, clamping
     * the upper face into the last voxel.
     *
     * @param v a coordinate
     * @param depth the depth
     * @return the voxel index in {@code [0, 2^depth)}
     * @throws IllegalArgumentException if {@code v} is outside the cube by more than a rounding error
     */
    public static int quantize(float v, int depth) {
        if (!(v >= -0.5f - 1e-5f && v <= 0.5f + 1e-5f)) {
            throw new IllegalArgumentException("coordinate " + v + " is outside the unit cube [-0.5, 0.5];"
                    + " normalise the cloud first");
        }
        int n = 1 << depth;
        int i = (int) Math.floor((v + 0.5) * n);
        return Math.max(0, Math.min(n - 1, i));
    }

    /**
     * Returns the centre of a voxel in unit-cube coordinates.
     *
     * @param i voxel index
     * @param depth the depth
     * @return the centre in {@code (-0.5, 0.5)}
     */
    public static float center(int i, int depth) {
        return (float) ((i + 0.5) / (1 << depth) - 0.5);
    }

    /**
     * Returns the sorted distinct Morton codes of the voxels occupied by unit-cube points.
     *
     * @param xyz flat coordinates inside {@code [-0.5, 0.5]^3}
     * @param depth the depth
     * @return the distinct codes in ascending (Z-) order
     */
    public static long[] occupied(float[] xyz, int depth) {
        long[] codes = new long[xyz.length / 3];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = encode(quantize(xyz[3 * i], depth), quantize(xyz[3 * i + 1], depth),
                    quantize(xyz[3 * i + 2], depth), depth);
        }
        java.util.Arrays.sort(codes);
        int n = 0;
        for (int i = 0; i < codes.length; i++) {
            if (n == 0 || codes[i] != codes[n - 1]) {
                codes[n++] = codes[i];
            }
        }
        return java.util.Arrays.copyOf(codes, n);
    }

    /**
     * Turns voxel codes into voxel-centre coordinates.
     *
     * @param codes Morton codes
     * @param depth the depth
     * @return flat unit-cube coordinates
     */
    public static float[] centers(long[] codes, int depth) {
        float[] out = new float[3 * codes.length];
        for (int i = 0; i < codes.length; i++) {
            int[] c = decode(codes[i], depth);
            for (int k = 0; k < 3; k++) {
                out[3 * i + k] = center(c[k], depth);
            }
        }
        return out;
    }
}
