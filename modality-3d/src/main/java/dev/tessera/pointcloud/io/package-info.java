/**
 * Geometry file formats: PLY (ASCII and binary), OFF, OBJ and XYZ readers and atomic writers.
 * Malformed files (wrong counts, truncated binary data, non-finite coordinates, faces pointing past
 * the vertex list) fail with a {@link dev.tessera.core.io.CorruptFileException} naming the file and
 * the line or byte offset.
 *
 * @see dev.tessera.pointcloud.io.GeometryFiles
 * @see dev.tessera.pointcloud.io.PlyFormat
 */
package dev.tessera.pointcloud.io;
