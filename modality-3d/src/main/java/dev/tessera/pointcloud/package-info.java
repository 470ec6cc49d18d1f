/**
 * The 3D point-cloud modality: point clouds become coarse-to-fine octree tokens (or Morton voxel
 * triples) for the shared backbone and come back as points in their original frame.
 *
 * @see dev.tessera.pointcloud.PointCloudModality
 * @see dev.tessera.pointcloud.PointCloudConfig
 */
package dev.tessera.pointcloud;
