/**
 * Command-line entry points of the 3D modality: {@code tessera shape-roundtrip},
 * {@code tessera shape-eval} and the "pointcloud" part of {@code tessera demo}.
 */
package dev.tessera.samples.pointcloud;
