/**
 * Point-set serialisations: the coarse-to-fine octree of 8-bit child masks, its grammar for
 * constrained decoding, and Morton-order voxel triples; both lossless at their leaf resolution.
 *
 * @see dev.tessera.pointcloud.octree.OctreeCodec
 * @see dev.tessera.pointcloud.octree.OctreeGrammar
 * @see dev.tessera.pointcloud.octree.MortonVoxelCodec
 */
package dev.tessera.pointcloud.octree;
