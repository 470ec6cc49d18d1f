package dev.tessera.pointcloud.eval;

/**
 * Distances between two point sets through KD-trees: Chamfer distance (L2, mean of both
 * directions) and F-score at a threshold. Both sets are expected in the same normalisation
 * (here: bounding box centred, longest side 1), and {@code tau} is in those units.
 */
public final class PointSetMetrics {
    private PointSetMetrics() { }

    /**
     * Scores a prediction against a reference.
     *
     * @param predicted flat coordinates, at least one point
     * @param reference flat coordinates, at least one point
     * @param tau F-score threshold, positive
     * @return Chamfer distance and F-score
     */
    public static ShapeScore score(float[] predicted, float[] reference, double tau) {
        return score(predicted, new PointIndex(predicted), reference, new PointIndex(reference), tau);
    }

    /**
     * Scores with prebuilt indices (reuse them when one set is compared many times).
     *
     * @param predicted predicted coordinates
     * @param predictedIndex an index over {@code predicted}
     * @param reference reference coordinates
     * @param referenceIndex an index over {@code reference}
     * @param tau F-score threshold
     * @return the score
     */
    public static ShapeScore score(float[] predicted, PointIndex predictedIndex, float[] reference,
            PointIndex referenceIndex, double tau) {
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau (" + tau + ") must be positive");
        }
        double[] dp = referenceIndex.nearestAll(predicted);
        double[] dr = predictedIndex.nearestAll(reference);
        double precision = fractionBelow(dp, tau);
        double recall = fractionBelow(dr, tau);
        double f = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ShapeScore(0.5 * (mean(dp) + mean(dr)), precision, recall, f, tau);
    }

    /**
     * Chamfer distance (L2, mean of both directions).
     *
     * @param a flat coordinates
     * @param b flat coordinates
     * @return the distance
     */
    public static double chamfer(float[] a, float[] b) {
        return chamfer(a, new PointIndex(a), b, new PointIndex(b));
    }

    /**
     * Chamfer distance with prebuilt indices.
     *
     * @param a coordinates of the first set
     * @param ia index over {@code a}
     * @param b coordinates of the second set
     * @param ib index over {@code b}
     * @return the distance
     */
    public static double chamfer(float[] a, PointIndex ia, float[] b, PointIndex ib) {
        return 0.5 * (mean(ib.nearestAll(a)) + mean(ia.nearestAll(b)));
    }

    static double mean(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return s / d.length;
    }

    static double fractionBelow(double[] d, double tau) {
        int n = 0;
        for (double v : d) {
            if (v < tau) {
                n++;
            }
        }
        return (double) n / d.length;
    }
}
