/**
 * Geometry metrics: Chamfer distance (L2, mean of both directions) and F-score at a threshold
 * through ddogleg KD-trees, and the set metrics COV, MMD and 1-NNA between generated and
 * reference shapes under Chamfer (L2 or PointFlow's squared) or earth mover's distance
 * ({@link dev.tessera.pointcloud.eval.SetDistance}, {@link dev.tessera.pointcloud.eval.EarthMovers}), with tied
 * nearest neighbours also shared in expectation. Unless stated otherwise, clouds are normalised to the unit cube (bounding box
 * centred, longest side 1) and thresholds are in those units.
 *
 * @see dev.tessera.pointcloud.eval.PointSetMetrics
 * @see dev.tessera.pointcloud.eval.SetMetrics
 * @see dev.tessera.pointcloud.eval.SetDistance
 * @see dev.tessera.pointcloud.eval.EarthMovers
 */
package dev.tessera.pointcloud.eval;
