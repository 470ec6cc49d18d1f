package dev.tessera.pointcloud.eval;

import java.util.ArrayList;
import java.util.List;
import org.ddogleg.nn.FactoryNearestNeighbor;
import org.ddogleg.nn.NearestNeighbor;
import org.ddogleg.nn.NnData;
import org.ddogleg.nn.alg.distance.KdTreeEuclideanSq_F64;

/**
 * A KD-tree over one point set (ddogleg's), answering nearest-neighbour distance queries. Build
 * once, query many times; not thread-safe (one search object per index).
 */
public final class PointIndex {
    private final NearestNeighbor.Search<double[]> search;
    private final NnData<double[]> result = new NnData<>();
    private final double[] query = new double[3];
    private final int size;

    /**
     * Builds the index.
     *
     * @param xyz flat coordinates, at least one point
     */
    public PointIndex(float[] xyz) {
        if (xyz.length < 3) {
            throw new IllegalArgumentException("cannot index an empty point set");
        }
        List<double[]> pts = new ArrayList<>(xyz.length / 3);
        for (int i = 0; i < xyz.length; i += 3) {
            pts.add(new double[] {xyz[i], xyz[i + 1], xyz[i + 2]});
        }
        NearestNeighbor<double[]> nn = FactoryNearestNeighbor.kdtree(new KdTreeEuclideanSq_F64(3));
        nn.setPoints(pts, false);
        this.search = nn.createSearch();
        this.size = pts.size();
    }

    /** @return the number of indexed points */
    public int size() {
        return size;
    }

    /**
     * Returns the Euclidean distance from a point to its nearest indexed point.
     *
     * @param x query x
     * @param y query y
     * @param z query z
     * @return the distance
     */
    public double nearest(double x, double y, double z) {
        query[0] = x;
        query[1] = y;
        query[2] = z;
        if (!search.findNearest(query, -1, result)) {
            throw new IllegalStateException("KD-tree search found no neighbour in a non-empty set");
        }
        return Math.sqrt(result.distance);
    }

    /**
     * Returns, for every query point, the distance to its nearest indexed point.
     *
     * @param xyz flat query coordinates
     * @return one distance per query point
     */
    public double[] nearestAll(float[] xyz) {
        double[] d = new double[xyz.length / 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = nearest(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
        }
        return d;
    }
}
