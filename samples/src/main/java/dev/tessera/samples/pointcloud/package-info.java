/**
 * The 3D modality's commands and evaluations: {@code tessera shape-roundtrip}, {@code shape-rd},
 * {@code shape}, {@code shape-tasks} and {@code shape-eval}, with the experiments behind the last
 * two ({@link dev.tessera.samples.pointcloud.ShapeEval}: data, training, generation and scores of the
 * class-conditioned generator; {@link dev.tessera.samples.pointcloud.ShapeTaskRun}: both shape tasks
 * on one backbone). The modality itself (codecs, formats, metrics, tasks) is in {@code modality-3d}.
 */
package dev.tessera.samples.pointcloud;
