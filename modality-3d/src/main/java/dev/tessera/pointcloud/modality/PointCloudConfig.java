package dev.tessera.pointcloud.modality;

/**
 * How a point-cloud modality tokenizes and detokenizes.
 *
 * @param codec {@code "octree"} (coarse-to-fine child masks) or {@code "morton"} (Z-order voxel triples)
 * @param depth leaf depth: voxels are {@code 1 / 2^depth} of the unit cube
 * @param normalize whether the tokenizer moves the input into the unit cube (bounding box centred,
 *     longest side 1) and records the transform in the segment so the detokenizer can undo it;
 *     when {@code false} the input must already lie in {@code [-0.5, 0.5]^3}
 * @param outputPoints points the detokenizer returns: 0 for one per occupied voxel (voxel centres),
 *     otherwise that many, drawn uniformly from the occupied voxels
 * @param jitter whether decoded points are spread uniformly inside their voxel instead of at its centre
 * @param seed seed for resampling and jitter
 */
public record PointCloudConfig(String codec, int depth, boolean normalize, int outputPoints, boolean jitter,
        long seed) {

    /** Validates the fields. */
    public PointCloudConfig {
        if (!"octree".equals(codec) && !"morton".equals(codec)) {
            throw new IllegalArgumentException("codec ('" + codec + "') must be 'octree' or 'morton'");
        }
        int max = "octree".equals(codec) ? 20 : 12;
        if (depth < 1 || depth > max) {
            throw new IllegalArgumentException("depth (" + depth + ") must be in [1, " + max + "] for " + codec);
        }
        if (outputPoints < 0) {
            throw new IllegalArgumentException("outputPoints (" + outputPoints + ") must be >= 0");
        }
    }

    /**
     * An octree config that normalises and returns voxel centres.
     *
     * @param depth the leaf depth
     * @return the config
     */
    public static PointCloudConfig octree(int depth) {
        return new PointCloudConfig("octree", depth, true, 0, false, 0L);
    }

    /**
     * A Morton-voxel config that normalises and returns voxel centres.
     *
     * @param depth bits per coordinate
     * @return the config
     */
    public static PointCloudConfig morton(int depth) {
        return new PointCloudConfig("morton", depth, true, 0, false, 0L);
    }

    /**
     * Returns a copy with another normalisation flag.
     *
     * @param n whether to normalise
     * @return the copy
     */
    public PointCloudConfig withNormalize(boolean n) {
        return new PointCloudConfig(codec, depth, n, outputPoints, jitter, seed);
    }

    /**
     * Returns a copy that resamples decoded shapes.
     *
     * @param points points per decoded shape (0 = voxel centres)
     * @param withJitter spread points inside their voxels
     * @return the copy
     */
    public PointCloudConfig withOutput(int points, boolean withJitter) {
        return new PointCloudConfig(codec, depth, normalize, points, withJitter, seed);
    }
}
