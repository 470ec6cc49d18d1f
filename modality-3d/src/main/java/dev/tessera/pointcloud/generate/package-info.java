/**
 * Class-conditioned shape generation on the shared backbone: the token layout, constrained
 * decoding that keeps every octree valid (a core {@code LogitsProcessor} used with the core
 * {@code Generator}), the independent shape classifier and the evaluation run.
 *
 * @see dev.tessera.pointcloud.generate.ShapeGenerator
 * @see dev.tessera.pointcloud.generate.OctreeConstraint
 * @see dev.tessera.pointcloud.generate.ShapeEval
 */
package dev.tessera.pointcloud.generate;
