package dev.tessera.pointcloud.eval;

import dev.tessera.pointcloud.geom.Mesh;
import dev.tessera.pointcloud.geom.Normalized;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.geom.SurfaceSampler;
import dev.tessera.pointcloud.geom.UnitCubeTransform;
import dev.tessera.pointcloud.io.Shape;
import java.util.SplittableRandom;

/**
 * Two independent samples of one shape in the unit cube (bounding box centred, longest side 1):
 * the one that is encoded and a second one to score against.
 *
 * @param encoded the sample that goes through the tokenizer
 * @param independent an independent sample of the same surface
 */
public record SamplePair(float[] encoded, float[] independent) {

    /**
     * Draws the pair. A mesh is normalised by its vertices' bounding box and sampled twice
     * (area-weighted, seeds {@code seed} and {@code seed + 1}). A point set without faces is
     * normalised by its bounding box, shuffled and split into two disjoint halves of at most
     * {@code n} points each.
     *
     * @param shape a mesh or point set
     * @param n points per sample
     * @param seed random seed
     * @return the two samples
     */
    public static SamplePair of(Shape shape, int n, long seed) {
        if (shape.hasFaces()) {
            Mesh m = Normalized.of(shape.mesh());
            return new SamplePair(SurfaceSampler.sample(m, n, seed).xyz(), SurfaceSampler.sample(m, n, seed + 1).xyz());
        }
        PointCloud pc = shape.points();
        if (pc.size() < 2) {
            throw new IllegalArgumentException("a point set needs at least 2 points to draw two samples, has "
                    + pc.size());
        }
        float[] unit = UnitCubeTransform.fit(pc.xyz()).apply(pc.xyz());
        int[] perm = new int[pc.size()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int k = Math.min(n, perm.length / 2);
        float[] a = new float[3 * k];
        float[] b = new float[3 * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(unit, 3 * perm[i], a, 3 * i, 3);
            System.arraycopy(unit, 3 * perm[k + i], b, 3 * i, 3);
        }
        return new SamplePair(a, b);
    }
}
