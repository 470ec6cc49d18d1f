/**
 * Geometry values: immutable point clouds and triangle meshes, bounding boxes, the unit-cube
 * normalisation (bounding box centred, longest side 1) with its inverse, and area-weighted
 * surface sampling.
 *
 * @see dev.tessera.pointcloud.geom.PointCloud
 * @see dev.tessera.pointcloud.geom.Mesh
 * @see dev.tessera.pointcloud.geom.SurfaceSampler
 */
package dev.tessera.pointcloud.geom;
