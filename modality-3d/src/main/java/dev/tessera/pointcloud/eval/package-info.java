/**
 * Geometry metrics: Chamfer distance (L2, mean of both directions) and F-score at a threshold
 * through ddogleg KD-trees, and the set metrics COV, MMD and 1-NNA between generated and
 * reference shapes. Unless stated otherwise, clouds are normalised to the unit cube (bounding box
 * centred, longest side 1) and thresholds are in those units.
 *
 * @see dev.tessera.pointcloud.eval.PointSetMetrics
 * @see dev.tessera.pointcloud.eval.SetMetrics
 */
package dev.tessera.pointcloud.eval;
