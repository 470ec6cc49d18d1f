/**
 * Class-conditioned shape generation on the shared backbone: the token layout, the
 * generator that decodes under the modality's octree constraint (the core {@code Generator} with
 * {@link dev.tessera.pointcloud.modality.OctreeConstraint}) and the independent shape classifier that judges generated shapes. The
 * evaluation run behind {@code tessera shape-eval} lives with the samples
 * ({@code dev.tessera.samples.pointcloud.ShapeEval}).
 *
 * @see dev.tessera.pointcloud.generate.ShapeGenerator
 * @see dev.tessera.pointcloud.modality.OctreeConstraint
 * @see dev.tessera.pointcloud.generate.ShapeClassifier
 */
package dev.tessera.pointcloud.generate;
