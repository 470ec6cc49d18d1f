package dev.tessera.pointcloud.octree;

import java.util.Arrays;

/**
 * Coarse-to-fine octree serialisation: every occupied node, level by level from the root and in
 * Morton order within a level, emits its 8-bit child-occupancy mask (bit {@code k} set when octant
 * {@code k = (x << 2) | (y << 1) | z} is occupied). A level-{@code l} node list has exactly as many
 * entries as the popcounts of level {@code l - 1} sum to, so the stream needs no separators. It is
 * lossless at the leaf resolution {@code 1 / 2^depth}.
 */
public final class OctreeCodec implements PointCodec {
    private final int depth;

    /**
     * Creates a codec.
     *
     * @param depth the leaf depth, 1 to {@link Morton#MAX_DEPTH}
     */
    public OctreeCodec(int depth) {
        if (depth < 1 || depth > Morton.MAX_DEPTH) {
            throw new IllegalArgumentException("depth (" + depth + ") must be in [1, " + Morton.MAX_DEPTH + "]");
        }
        this.depth = depth;
    }

    @Override
    public String kind() {
        return "octree";
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public int vocabularySize() {
        return 256;
    }

    @Override
    public int[] encode(float[] unitXyz) {
        if (unitXyz.length < 3) {
            throw new IllegalArgumentException("cannot encode an empty point set");
        }
        return encodeVoxels(Morton.occupied(unitXyz, depth));
    }

    /**
     * Encodes sorted distinct leaf codes.
     *
     * @param leaves Morton codes at this depth, ascending and distinct
     * @return the masks, level by level
     */
    public int[] encodeVoxels(long[] leaves) {
        int[] out = new int[16];
        int n = 0;
        for (int level = 0; level < depth; level++) {
            int shiftChild = 3 * (depth - level - 1);
            long current = -1;
            int mask = 0;
            for (long leaf : leaves) {
                long node = leaf >>> (shiftChild + 3);
                int child = (int) ((leaf >>> shiftChild) & 7);
                if (node != current) {
                    if (current >= 0) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, 2 * n);
                        }
                        out[n++] = mask;
                    }
                    current = node;
                    mask = 0;
                }
                mask |= 1 << child;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n);
            }
            out[n++] = mask;
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public long[] decodeVoxels(int[] tokens) {
        long[] nodes = {0};
        int pos = 0;
        for (int level = 0; level < depth; level++) {
            if (pos + nodes.length > tokens.length) {
                throw new IllegalArgumentException("octree stream of " + tokens.length + " tokens is too short: level "
                        + level + " needs " + nodes.length + " masks starting at position " + pos);
            }
            int children = 0;
            for (int i = 0; i < nodes.length; i++) {
                int m = tokens[pos + i];
                if (m < 1 || m > 255) {
                    throw new IllegalArgumentException("token " + m + " at position " + (pos + i) + " (level " + level
                            + ") is not a valid child mask; masks are 1..255");
                }
                children += Integer.bitCount(m);
            }
            long[] next = new long[children];
            int c = 0;
            for (int i = 0; i < nodes.length; i++) {
                int m = tokens[pos + i];
                for (int b = 0; b < 8; b++) {
                    if ((m & (1 << b)) != 0) {
                        next[c++] = (nodes[i] << 3) | b;
                    }
                }
            }
            pos += nodes.length;
            nodes = next;
        }
        if (pos != tokens.length) {
            throw new IllegalArgumentException("octree stream has " + (tokens.length - pos) + " extra tokens after the "
                    + pos + " that make a complete depth-" + depth + " tree");
        }
        return nodes;
    }

    /**
     * Returns the number of masks per level of a complete stream.
     *
     * @param tokens a valid stream
     * @return counts for levels {@code 0..depth-1}
     */
    public int[] levelSizes(int[] tokens) {
        int[] sizes = new int[depth];
        int nodes = 1;
        int pos = 0;
        for (int level = 0; level < depth; level++) {
            sizes[level] = nodes;
            int children = 0;
            for (int i = 0; i < nodes; i++) {
                children += Integer.bitCount(tokens[pos + i]);
            }
            pos += nodes;
            nodes = children;
        }
        return sizes;
    }
}
