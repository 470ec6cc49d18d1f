package dev.tessera.pointcloud.eval;

/**
 * How close a predicted point set is to a reference set.
 *
 * @param chamfer Chamfer distance: mean over both directions of the mean Euclidean (L2, not
 *     squared) nearest-neighbour distance, {@code (mean_p d(p, R) + mean_r d(r, P)) / 2}
 * @param precision fraction of predicted points with a reference point closer than {@code tau}
 * @param recall fraction of reference points with a predicted point closer than {@code tau}
 * @param fscore harmonic mean of precision and recall (0 when both are 0)
 * @param tau the distance threshold, in the units of the points (unit cube: longest side 1)
 */
public record ShapeScore(double chamfer, double precision, double recall, double fscore, double tau) { }
