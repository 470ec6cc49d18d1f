/**
 * The 3D point-cloud modality: point clouds become coarse-to-fine octree tokens (or Morton voxel
 * triples) for the shared backbone and come back as points in their original frame. The package holds
 * the modality, its config, the decoding constraint that keeps every generated octree valid and the
 * provider that restores the modality from a bundle (registered in
 * {@code META-INF/services/dev.tessera.core.modality.ModalityProvider}; bundles name the provider,
 * {@code pointcloud}, not its class). It uses only {@code geom} and {@code octree} of this module.
 *
 * @see dev.tessera.pointcloud.modality.PointCloudModality
 * @see dev.tessera.pointcloud.modality.PointCloudConfig
 * @see dev.tessera.pointcloud.modality.OctreeConstraint
 */
package dev.tessera.pointcloud.modality;
