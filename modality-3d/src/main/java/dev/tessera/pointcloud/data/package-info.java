/**
 * Embedded default data: seeded procedural solids (sphere, box, torus, cylinder, cone, table,
 * chair) at random proportions, with captions, sampled to point clouds.
 *
 * @see dev.tessera.pointcloud.data.ProceduralShapes
 */
package dev.tessera.pointcloud.data;
