/**
 * The 3D modality's tasks for joint (multi-task) training of one backbone through the core
 * {@link dev.tessera.core.task.Task} SPI: {@code caption_to_shape} (a caption as UTF-8 text bytes, then
 * the shape's depth-3 octree masks, generated under {@link dev.tessera.pointcloud.modality.OctreeConstraint})
 * and {@code shape_to_caption} (the reverse), both on captioned procedural solids and scored by class.
 *
 * @see dev.tessera.pointcloud.task.ShapeTasks
 * @see dev.tessera.pointcloud.task.CaptionToShapeTask
 * @see dev.tessera.pointcloud.task.ShapeToCaptionTask
 * @see dev.tessera.pointcloud.task.ShapeCorpus
 */
package dev.tessera.pointcloud.task;
