package dev.tessera.pointcloud.generate;

import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.octree.Morton;
import java.util.Arrays;
import java.util.List;

/**
 * A k-nearest-neighbour shape classifier, independent of the generator: a cloud is described by
 * the set of voxels it occupies at depth 3 (an 8 x 8 x 8 grid over the unit cube), and classified
 * by majority vote of its {@code k} nearest training clouds under the Jaccard distance of those
 * sets. Because octree voxels nest, the depth-3 occupancy of a depth-{@code d >= 3} decoded cloud
 * equals that of the cloud it was encoded from, so the classifier sees generated and real shapes
 * the same way. Train it on real (procedural) samples only.
 */
public final class ShapeClassifier {
    private static final int GRID_DEPTH = 3;
    private final long[][] train;
    private final ShapeClass[] labels;
    private final int k;

    private ShapeClassifier(long[][] train, ShapeClass[] labels, int k) {
        this.train = train;
        this.labels = labels;
        this.k = k;
    }

    /**
     * Fits the classifier.
     *
     * @param samples labelled clouds in the unit cube
     * @param k neighbours that vote (odd, at least 1)
     * @return the classifier
     */
    public static ShapeClassifier fit(List<ProceduralShapes.Sample> samples, int k) {
        if (samples.isEmpty() || k < 1) {
            throw new IllegalArgumentException("need samples (" + samples.size() + ") and k >= 1 (" + k + ")");
        }
        long[][] f = new long[samples.size()][];
        ShapeClass[] l = new ShapeClass[samples.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = occupancy(samples.get(i).points().xyz());
            l[i] = samples.get(i).shapeClass();
        }
        return new ShapeClassifier(f, l, k);
    }

    /**
     * Returns the depth-3 occupancy of a unit-cube cloud as a 512-bit set.
     *
     * @param xyz flat coordinates in {@code [-0.5, 0.5]^3}
     * @return eight longs of bits
     */
    static long[] occupancy(float[] xyz) {
        long[] bits = new long[8];
        for (long code : Morton.occupied(xyz, GRID_DEPTH)) {
            bits[(int) (code >>> 6)] |= 1L << (code & 63);
        }
        return bits;
    }

    private static double jaccard(long[] a, long[] b) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += Long.bitCount(a[i] & b[i]);
            union += Long.bitCount(a[i] | b[i]);
        }
        return union == 0 ? 0 : 1 - (double) inter / union;
    }

    /**
     * Classifies a cloud.
     *
     * @param xyz flat unit-cube coordinates
     * @return the predicted class
     */
    public ShapeClass predict(float[] xyz) {
        long[] q = occupancy(xyz);
        double[] d = new double[train.length];
        Integer[] order = new Integer[train.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = jaccard(q, train[i]);
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
        double[] votes = new double[ShapeClass.values().length];
        for (int j = 0; j < Math.min(k, order.length); j++) {
            votes[labels[order[j]].ordinal()] += 1 + 1e-3 * (k - j); // nearer neighbours break ties
        }
        int best = 0;
        for (int c = 1; c < votes.length; c++) {
            if (votes[c] > votes[best]) {
                best = c;
            }
        }
        return ShapeClass.values()[best];
    }

    /**
     * Returns the accuracy on labelled samples.
     *
     * @param samples labelled clouds
     * @return fraction classified correctly
     */
    public double accuracy(List<ProceduralShapes.Sample> samples) {
        int ok = 0;
        for (ProceduralShapes.Sample s : samples) {
            if (predict(s.points().xyz()) == s.shapeClass()) {
                ok++;
            }
        }
        return (double) ok / samples.size();
    }
}
