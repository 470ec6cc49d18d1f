/**
 * Point-cloud pictures: orthographic three-view PNG renders with depth-shaded splats.
 *
 * @see dev.tessera.pointcloud.render.PointCloudRenderer
 */
package dev.tessera.pointcloud.render;
