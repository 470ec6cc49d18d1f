/**
 * Class-conditioned shape generation on the shared backbone: the token layout, constrained
 * decoding that keeps every octree valid (a core {@code LogitsProcessor} used with the core
 * {@code Generator}) and the independent shape classifier that judges generated shapes. The
 * evaluation run behind {@code tessera shape-eval} lives with the samples
 * ({@code dev.tessera.samples.pointcloud.ShapeEval}).
 *
 * @see dev.tessera.pointcloud.generate.ShapeGenerator
 * @see dev.tessera.pointcloud.generate.OctreeConstraint
 * @see dev.tessera.pointcloud.generate.ShapeClassifier
 */
package dev.tessera.pointcloud.generate;
